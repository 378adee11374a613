package io.concierge.tenant.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.UploadHandler;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantSlug;
import io.concierge.shared.ui.Notifications;
import io.concierge.shared.ui.OneTimePasswordDialog;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.StartingConfiguration;
import io.concierge.tenant.TenantService;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Creates a tenant, its configuration starting from the defaults, like another tenant or from a bundle file
 * (where the bundles module is present). Saving only records the tenant; the schema is provisioned in the background and the
 * operator is taken to the tenant's page, where the provisioning steps show up live.
 */
class CreateTenantDialog extends Dialog {

    final TextField slug = new TextField("Slug");
    final TextField name = new TextField("Display name");
    final EmailField email = new EmailField("Contact email");
    final TextField admin = new TextField("First partner admin (optional)");
    final Button create = new Button("Create tenant");
    /** What the new tenant's configuration starts from; hidden when no module offers anything but the defaults. */
    final RadioButtonGroup<Start> start = new RadioButtonGroup<>("Configuration starts from");
    final TextField like = new TextField("Like tenant");
    final Upload bundle;
    final Span bundleName = new Span();
    private byte[] bundleBytes;
    private String bundleFile;

    enum Start {
        DEFAULTS("Defaults"), LIKE("Another tenant"), BUNDLE("A bundle file");

        private final String label;

        Start(String label) {
            this.label = label;
        }
    }

    CreateTenantDialog(TenantService tenants, StartingConfiguration starts) {
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
        var ui = UI.getCurrent();
        bundle = new Upload(UploadHandler.inMemory((metadata, bytes) ->
                ui.access(() -> bundleReceived(metadata.fileName(), bytes))));
        if (starts != null) {
            start.setItems(Start.values());
            start.setItemLabelGenerator(s -> s.label);
            start.setValue(Start.DEFAULTS);
            like.setHelperText("Slug of the tenant whose branding, rules and roles the new one starts with.");
            bundle.setMaxFiles(1);
            bundle.setMaxFileSize(2 * 1024 * 1024);
            bundle.setAcceptedFileTypes("application/json", ".json");
            bundle.setUploadButton(new Button("Choose bundle…"));
            bundle.setDropAllowed(false);
            start.addValueChangeListener(e -> showStart());
            form.add(start, like, bundle, bundleName);
            showStart();
        }
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> save(tenants, starts));
        getFooter().add(new Button("Cancel", e -> close()), create);
        setWidth("32rem");
    }

    /** Keeps the chosen bundle until Create; it is read and checked when the tenant is created. */
    private void bundleReceived(String fileName, byte[] bytes) {
        bundleBytes = bytes;
        bundleFile = fileName;
        bundleName.setText(fileName);
        bundleName.getStyle().remove("color");
        bundle.clearFileList();
    }

    private void showStart() {
        like.setVisible(start.getValue() == Start.LIKE);
        bundle.setVisible(start.getValue() == Start.BUNDLE);
        bundleName.setVisible(start.getValue() == Start.BUNDLE);
    }

    private void save(TenantService tenants, StartingConfiguration starts) {
        clearErrors();
        try {
            var request = new NewTenant(slug.getValue(), name.getValue(), email.getValue(), admin.getValue());
            var from = starts == null ? Start.DEFAULTS : start.getValue();
            if (from == Start.BUNDLE && bundleBytes == null) {
                throw new InvalidValueException("bundle", "Choose the bundle file the tenant starts from.");
            }
            var result = switch (from) {
                case DEFAULTS -> tenants.register(request);
                case LIKE -> starts.registerLike(request, like.getValue());
                case BUNDLE -> starts.registerFromBundle(request, bundleFile,
                        new String(bundleBytes, StandardCharsets.UTF_8));
            };
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
                case "like" -> like;
                default -> null;
            };
            if ("bundle".equals(ex.field())) {
                bundleName.setText(ex.getMessage());
                bundleName.getStyle().set("color", "var(--lumo-error-text-color)");
            } else if (field != null) {
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
        List.<HasValidation>of(slug, name, email, admin, like).forEach(f -> f.setInvalid(false));
    }
}
