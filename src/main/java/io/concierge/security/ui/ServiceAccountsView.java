package io.concierge.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.concierge.security.ApiTokenService;
import io.concierge.security.ApiTokenSummary;
import io.concierge.security.NewApiToken;
import io.concierge.security.Role;
import io.concierge.security.ServiceAccountSummary;
import io.concierge.security.TenantDirectory;
import io.concierge.shared.ConflictException;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.ConfirmAction;
import io.concierge.shared.ui.Notifications;
import io.concierge.shared.ui.OneTimePasswordDialog;
import io.concierge.shared.ui.Times;
import jakarta.annotation.security.RolesAllowed;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Operators' service accounts: a role (operator, auditor, or partner admin of one tenant) for automation, with no
 * password and no UI sign-in. Each has API tokens, issued here (shown once), rotated with an overlap during which the
 * old one still works, or revoked; deactivating an account revokes them all.
 */
@Route("service-accounts")
@PageTitle("Service accounts · Concierge")
@Menu(title = "Service accounts", order = 31)
@RolesAllowed(Role.Names.OPERATOR)
class ServiceAccountsView extends VerticalLayout {

    private final ApiTokenService tokens;
    private final TenantDirectory tenants;
    final Grid<ServiceAccountSummary> grid = new Grid<>();

    ServiceAccountsView(ApiTokenService tokens, TenantDirectory tenants) {
        this.tokens = tokens;
        this.tenants = tenants;
        grid.addColumn(ServiceAccountSummary::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(a -> a.role().label()).setHeader("Role");
        grid.addColumn(a -> a.tenantSlug() == null ? "all tenants" : a.tenantSlug()).setHeader("Tenant");
        grid.addColumn(a -> a.active() ? "Active" : "Deactivated").setHeader("State").setKey("state");
        grid.addColumn(a -> a.description() == null ? "" : a.description()).setHeader("Description");
        grid.addColumn(a -> a.createdBy() + ", " + Times.format(a.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setKey("actions").setAutoWidth(true);
        var create = new Button("New service account", e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new HorizontalLayout(new H2("Service accounts"), create),
                new Paragraph("Automation calls the API with a service account's token instead of a person's: it "
                        + "belongs to the console, not to whoever set it up, and keeps working when they leave."), grid);
        setSizeFull();
        refresh();
    }

    private Component actions(ServiceAccountSummary account) {
        var manage = new Button("Tokens", e -> new TokensDialog(account).open());
        manage.addThemeVariants(ButtonVariant.LUMO_SMALL);
        if (!account.active()) {
            return new HorizontalLayout(manage);
        }
        var deactivate = new Button("Deactivate", e -> ConfirmAction.ask("Deactivate " + account.name() + "?")
                .consequence("All its tokens are revoked at once: whatever uses them is refused from now on.")
                .confirm("Deactivate", () -> {
                    tokens.deactivateServiceAccount(account.name());
                    Notifications.success(account.name() + " deactivated");
                    refresh();
                }));
        deactivate.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(manage, deactivate);
    }

    private void openCreateDialog() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("New service account");
        var name = new TextField("Name");
        name.setPlaceholder("crm-sync");
        var description = new TextField("Description");
        var role = new Select<Role>();
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setItemLabelGenerator(Role::label);
        role.setValue(Role.AUDITOR);
        var tenant = new TextField("Tenant (slug)");
        tenant.setVisible(false);
        role.addValueChangeListener(e -> tenant.setVisible(e.getValue() == Role.PARTNER_ADMIN));
        var save = new Button("Create", e -> {
            for (var field : new TextField[]{name, description, tenant}) {
                field.setInvalid(false);
            }
            try {
                TenantDirectory.TenantRef ref = null;
                if (role.getValue() == Role.PARTNER_ADMIN) {
                    ref = tenants.bySlug(tenant.getValue().trim()).orElseThrow(() -> new InvalidValueException(
                            "tenant", "No tenant '" + tenant.getValue().trim() + "'."));
                }
                var account = tokens.createServiceAccount(name.getValue(), description.getValue(), role.getValue(),
                        ref == null ? null : ref.id(), ref == null ? null : ref.slug());
                dialog.close();
                Notifications.success("Service account " + account.name() + " created; issue its first token");
                refresh();
                new TokensDialog(account).open();
            } catch (InvalidValueException ex) {
                var field = "tenant".equals(ex.field()) ? tenant : "description".equals(ex.field()) ? description : name;
                field.setInvalid(true);
                field.setErrorMessage(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(name, description, role, tenant));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void refresh() {
        grid.setItems(tokens.serviceAccounts());
    }

    /** One account's tokens: issue, rotate (with an overlap), revoke. */
    final class TokensDialog extends Dialog {

        private final ServiceAccountSummary account;
        final TokenGrid tokenGrid;
        final TextField tokenName = new TextField("Token name");
        final com.vaadin.flow.component.datepicker.DatePicker expiresOn = Times.datePicker("Expires on");
        final IntegerField overlapHours = new IntegerField("Overlap when rotating (hours)");

        TokensDialog(ServiceAccountSummary account) {
            this.account = account;
            setHeaderTitle("Tokens of " + account.name());
            setWidth("60rem");
            var today = LocalDate.now(ZoneOffset.UTC);
            expiresOn.setMin(today.plusDays(1));
            expiresOn.setMax(today.plusDays(ApiTokenService.MAX_DAYS));
            expiresOn.setValue(today.plusDays(90));
            overlapHours.setMin(0);
            overlapHours.setMax((int) ApiTokenService.MAX_OVERLAP.toHours());
            overlapHours.setValue(24);
            overlapHours.setHelperText("How long the old token goes on working next to its successor");
            tokenGrid = new TokenGrid(this::tokenActions);
            var issue = new Button("Issue token", e -> issue());
            issue.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            issue.setEnabled(account.active());
            add(new HorizontalLayout(tokenName, expiresOn, overlapHours), tokenGrid);
            getFooter().add(new Button("Close", e -> close()), issue);
            refreshTokens();
        }

        private void issue() {
            run(() -> shown(tokens.issueServiceToken(account.name(), tokenName.getValue(), expiresOn.getValue())));
        }

        private Component tokenActions(ApiTokenSummary token) {
            if (token.status() != ApiTokenSummary.Status.ACTIVE || !account.active()) {
                return new Span();
            }
            var rotate = new Button("Rotate", e -> run(() -> shown(tokens.rotateServiceToken(account.name(),
                    token.id(), expiresOn.getValue(), Duration.ofHours(overlapHours.getValue() == null ? 0
                            : overlapHours.getValue())))));
            rotate.addThemeVariants(ButtonVariant.LUMO_SMALL);
            var revoke = new Button("Revoke", e -> ConfirmAction.ask("Revoke the token '" + token.name() + "'?")
                    .consequence("Whatever uses it is refused from now on.")
                    .confirm("Revoke", () -> {
                        tokens.revokeServiceToken(account.name(), token.id());
                        refreshTokens();
                    }));
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return new HorizontalLayout(rotate, revoke);
        }

        private void run(Runnable action) {
            tokenName.setInvalid(false);
            expiresOn.setInvalid(false);
            overlapHours.setInvalid(false);
            try {
                action.run();
            } catch (InvalidValueException ex) {
                if ("expiresOn".equals(ex.field())) {
                    expiresOn.setInvalid(true);
                    expiresOn.setErrorMessage(ex.getMessage());
                } else if ("overlap".equals(ex.field())) {
                    overlapHours.setInvalid(true);
                    overlapHours.setErrorMessage(ex.getMessage());
                } else {
                    tokenName.setInvalid(true);
                    tokenName.setErrorMessage(ex.getMessage());
                }
            } catch (ConflictException ex) {
                Notifications.error(ex.getMessage());
            }
            refreshTokens();
        }

        private void shown(NewApiToken issued) {
            OneTimePasswordDialog.showSecret("New token of " + account.name(), "Copy the token now into the "
                    + "automation's secret store: it is shown only once, and the console keeps only its hash.",
                    issued.secret());
        }

        private void refreshTokens() {
            tokenGrid.setItems(tokens.serviceTokens(account.name()));
        }
    }
}
