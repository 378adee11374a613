package io.concierge.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

import java.util.ArrayList;
import java.util.List;

/**
 * The one confirmation every destructive or irreversible action asks for: a question, what will happen in
 * plain words, optionally a word to type, Cancel, and a red button that names the action. Nothing happens
 * until that button is pressed.
 */
public final class ConfirmAction extends Dialog {

    private final Paragraph consequence = new Paragraph();
    private final List<Component> extras = new ArrayList<>();
    private final Button confirm = new Button();
    private TextField typed;
    private String expected;

    private ConfirmAction(String question) {
        setHeaderTitle(question);
        setWidth("34rem");
        addClassName("confirm-action");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
    }

    /** Starts a confirmation that asks {@code question} ("Reset the password of bob?"). */
    public static ConfirmAction ask(String question) {
        return new ConfirmAction(question);
    }

    /** What will happen, including what cannot be undone. */
    public ConfirmAction consequence(String text) {
        consequence.setText(text);
        return this;
    }

    /** Further fields the action needs (a reason, say), shown below the consequence. */
    public ConfirmAction with(Component... components) {
        extras.addAll(List.of(components));
        return this;
    }

    /** The action's button stays disabled until {@code word} is typed into a field with this label. */
    public ConfirmAction typeToConfirm(String label, String word) {
        typed = new TextField(label);
        typed.setWidthFull();
        typed.setValueChangeMode(ValueChangeMode.EAGER);
        expected = word;
        return this;
    }

    /** Opens the dialog; {@code action} runs (after the dialog closed) when {@code button} is pressed. */
    public ConfirmAction confirm(String button, Runnable action) {
        confirm.setText(button);
        add(consequence);
        extras.forEach(this::add);
        if (typed != null) {
            add(typed);
            confirm.setEnabled(false);
            typed.addValueChangeListener(e -> confirm.setEnabled(expected.equals(e.getValue().trim())));
        }
        confirm.addClickListener(e -> {
            close();
            action.run();
        });
        var cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, confirm);
        open();
        cancel.focus();
        return this;
    }

    /** What was typed into the confirmation field (empty without one). */
    public String typedValue() {
        return typed == null ? "" : typed.getValue().trim();
    }
}
