package io.concierge.access.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.access.AccessMatrix;
import io.concierge.access.AccessService;
import io.concierge.access.RoleGrant;
import io.concierge.shared.InvalidValueException;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Adding, renaming and deleting roles of the matrix being edited; nothing is saved until "Review and save". */
final class RoleDialogs {

    private RoleDialogs() {
    }

    static void add(AccessService service, AccessMatrix matrix, Consumer<AccessMatrix> done) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Add a role");
        var key = new TextField("Key");
        key.setHelperText("Used by the platform, never changes: e.g. relationship_manager");
        var name = new TextField("Name");
        name.setMaxLength(AccessService.MAX_NAME);
        key.setWidthFull();
        name.setWidthFull();
        dialog.add(key, name);
        var add = new Button("Add role", e -> apply(dialog, m -> service.addRole(m, key.getValue(), name.getValue()),
                matrix, done, key, name));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), add);
        dialog.open();
    }

    static void rename(AccessService service, AccessMatrix matrix, Consumer<AccessMatrix> done) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Rename a role");
        var role = roleSelect(matrix);
        var name = new TextField("New name");
        name.setMaxLength(AccessService.MAX_NAME);
        name.setWidthFull();
        role.addValueChangeListener(e -> name.setValue(e.getValue() == null ? "" : e.getValue().name()));
        dialog.add(role, name);
        var rename = new Button("Rename", e -> {
            if (role.getValue() == null) {
                role.setErrorMessage("Choose a role.");
                role.setInvalid(true);
                return;
            }
            apply(dialog, m -> service.renameRole(m, role.getValue().key(), name.getValue()), matrix, done, null, name);
        });
        rename.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), rename);
        dialog.open();
    }

    static void delete(AccessService service, AccessMatrix matrix, Consumer<AccessMatrix> done) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Delete a role");
        var role = roleSelect(matrix);
        var warning = new Paragraph("Choose the role to delete.");
        var delete = new Button("Delete role");
        delete.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        delete.setEnabled(false);
        role.addValueChangeListener(e -> {
            delete.setEnabled(e.getValue() != null);
            if (e.getValue() != null) {
                warning.setText("Delete role '" + e.getValue().name() + "' (" + e.getValue().key() + ") and its "
                        + e.getValue().scopes().size() + " scopes? The platform may still use it: users who hold this "
                        + "role lose these permissions once the change is saved and published.");
            }
        });
        delete.addClickListener(e -> apply(dialog, m -> service.deleteRole(m, role.getValue().key()), matrix, done,
                null, null));
        dialog.add(role, warning);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), delete);
        dialog.open();
    }

    private static Select<RoleGrant> roleSelect(AccessMatrix matrix) {
        var role = new Select<RoleGrant>();
        role.setLabel("Role");
        role.setItems(matrix.roles());
        role.setItemLabelGenerator(r -> r.name() + " (" + r.key() + ")");
        role.setWidthFull();
        return role;
    }

    /** Applies the edit, or shows the service's message on the field it concerns. */
    private static void apply(Dialog dialog, UnaryOperator<AccessMatrix> edit, AccessMatrix matrix,
                              Consumer<AccessMatrix> done, TextField keyField, TextField nameField) {
        try {
            var next = edit.apply(matrix);
            dialog.close();
            done.accept(next);
        } catch (InvalidValueException e) {
            HasValidation field = "key".equals(e.field()) && keyField != null ? keyField : nameField;
            if (field == null) {
                dialog.add(new Paragraph(e.getMessage()));
                return;
            }
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
        }
    }
}
