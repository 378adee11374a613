package io.concierge.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import io.concierge.security.ConsoleUserService;
import io.concierge.shared.InvalidValueException;

import java.util.List;

/** Current password, new password twice; every refusal is shown at the field it concerns. */
class PasswordChangeForm extends FormLayout {

    final PasswordField current = new PasswordField("Current password");
    final PasswordField chosen = new PasswordField("New password");
    final PasswordField repeated = new PasswordField("Repeat the new password");
    final Button change = new Button("Change password");

    PasswordChangeForm(ConsoleUserService users, String currentLabel, Runnable changed) {
        current.setLabel(currentLabel);
        chosen.setHelperText("At least 12 characters, not a common password. A passphrase of a few words works well.");
        List.of(current, chosen, repeated).forEach(f -> {
            f.setRequiredIndicatorVisible(true);
            // the server decides and says why; clearing the form after a change must not mark it invalid
            f.setManualValidation(true);
            f.setWidthFull();
        });
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        change.addClickListener(e -> {
            List.of(current, chosen, repeated).forEach(f -> f.setInvalid(false));
            if (!chosen.getValue().equals(repeated.getValue())) {
                mark(repeated, "The two new passwords differ.");
                return;
            }
            try {
                users.changeOwnPassword(current.getValue(), chosen.getValue());
                List.of(current, chosen, repeated).forEach(PasswordField::clear);
                changed.run();
            } catch (InvalidValueException ex) {
                mark("currentPassword".equals(ex.field()) ? current : chosen, ex.getMessage());
            }
        });
        setResponsiveSteps(new ResponsiveStep("0", 1));
        setMaxWidth("28rem");
        add(current, chosen, repeated, change);
    }

    private static void mark(PasswordField field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
        field.focus();
    }
}
