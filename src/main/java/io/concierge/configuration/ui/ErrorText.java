package io.concierge.configuration.ui;

import com.vaadin.flow.component.html.Paragraph;

/** A refusal said in the dialogs' own space, in the theme's error colour. */
class ErrorText extends Paragraph {

    ErrorText(String message) {
        super(message);
        getStyle().set("color", "var(--lumo-error-text-color)").set("margin", "0");
    }
}
