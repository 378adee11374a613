package io.concierge.tenant.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantSlug;
import io.concierge.shared.ui.Notifications;
import io.concierge.shared.ui.OneTimePasswordDialog;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;

import java.util.List;

/**
 * Creates a tenant. Saving only records the tenant; the schema is provisioned in the background and the
 * operator is taken to the tenant's page, where the provisioning steps show up live.
 */
class CreateTenantDialog extends Dialog {

    final TextField slug = new TextField("Slug");
    final TextField name = new TextField("Display name");
    final EmailField email = new EmailField("Contact email");
    final TextField admin = new TextField("First partner admin (optional)");
    final Button create = new Button("Create tenant");

    CreateTenantDialog(TenantService tenants) {
        setHeaderTitle("New tenant");
        slug.setHelperText("Lower case, starts with a letter, 3-30 of a-z, 0-9 and _. Becomes schema tenant_<slug>.");
        // no maxLength: the browser would cut a long slug silently and create a tenant the operator did not type
        slug.setValueChangeMode(ValueChangeMode.LAZY);
        slug.addValueChangeListener(e -> checkSlug());
        slug.setRequired(true);
        name.setRequired(true);
        email.setRequired(true);
        admin.setHelperText("Username of the partner's first administrator; a one-time password is shown once.");
        var form = new FormLayout(slug, name, email, admin);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> save(tenants));
        getFooter().add(new Button("Cancel", e -> close()), create);
        setWidth("32rem");
    }

    private void save(TenantService tenants) {
        clearErrors();
        try {
            var result = tenants.register(new NewTenant(slug.getValue(), name.getValue(), email.getValue(),
                    admin.getValue()));
            var ui = getUI();
            close();
            Notifications.success("Tenant '" + result.tenant().slug() + "' created; provisioning has started.");
            ui.ifPresent(u -> u.navigate(TenantView.class, TenantView.params(result.tenant().slug().value())));
            if (result.firstAdminPassword() != null) {
                OneTimePasswordDialog.show(admin.getValue().trim(), result.firstAdminPassword());
            }
        } catch (InvalidValueException ex) {
            HasValidation field = switch (ex.field() == null ? "" : ex.field()) {
                case "slug" -> slug;
                case "displayName" -> name;
                case "contactEmail" -> email;
                case "username" -> admin;
                default -> null;
            };
            if (field != null) {
                field.setErrorMessage(ex.getMessage());
                field.setInvalid(true);
            } else {
                Notifications.error(ex.getMessage());
            }
        }
    }

    /** Tells the slug's problem as it is typed (too long, bad character, reserved), before Create is pressed. */
    private void checkSlug() {
        var value = slug.getValue().trim();
        if (value.isEmpty()) {
            slug.setInvalid(false);
            return;
        }
        try {
            new TenantSlug(value);
            slug.setInvalid(false);
        } catch (InvalidValueException ex) {
            slug.setErrorMessage(ex.getMessage());
            slug.setInvalid(true);
        }
    }

    private void clearErrors() {
        List.<HasValidation>of(slug, name, email, admin).forEach(f -> f.setInvalid(false));
    }
}
