package io.concierge.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** What both error pages show: a heading, one sentence, and a way home; the console's menu stays around it. */
abstract class ErrorPage extends VerticalLayout {

    static final String NO_ACCESS = "You do not have access to this page";
    static final String NO_ACCESS_TEXT = "Your account may not open it. If you need it, ask an operator.";

    private final H2 heading = new H2();
    private final Paragraph detail = new Paragraph();

    ErrorPage() {
        addClassName("error-page");
        var home = new Button("Go to the home page", e -> getUI().ifPresent(ui -> ui.navigate("")));
        home.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(heading, detail, home);
    }

    void show(String title, String text) {
        heading.setText(title);
        detail.setText(text);
    }
}
