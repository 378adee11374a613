package io.concierge.configuration.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.concierge.configuration.ConfigurationConflictException;

/**
 * Someone saved first: says who and when, and offers to reload. Nothing of theirs was overwritten and
 * nothing of ours was saved, so reloading is the only way forward.
 */
public class ConflictNotice extends HorizontalLayout {

    public ConflictNotice(ConfigurationConflictException conflict, Runnable reload) {
        var message = new ErrorText(conflict.getMessage());
        var reloadButton = new Button("Reload", e -> reload.run());
        reloadButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        setAlignItems(Alignment.CENTER);
        setWidthFull();
        addClassName("concierge-conflict");
        add(message, reloadButton);
        expand(message);
    }
}
