package io.concierge.tenant.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.TenantAccess;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.ConfirmAction;
import io.concierge.shared.ui.Notifications;
import io.concierge.shared.ui.OneTimePasswordDialog;
import io.concierge.shared.ui.TenantPanel;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStateException;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import jakarta.annotation.security.PermitAll;

import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * One tenant: its state, the lifecycle actions an operator may take, and the panels other modules add
 * (provisioning runs, configuration, publication). A partner admin opening any other tenant is refused.
 */
@Route("tenants/:slug")
@PermitAll
public class TenantView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final TenantService tenants;
    private final TenantAccess access;
    private final ConsoleUserService users;
    private final List<TenantPanel> panels;
    private final Div header = new Div();
    private final VerticalLayout panelArea = new VerticalLayout();
    private TenantSummary tenant;

    TenantView(TenantService tenants, TenantAccess access, ConsoleUserService users, List<TenantPanel> panels) {
        this.tenants = tenants;
        this.access = access;
        this.users = users;
        this.panels = panels.stream().sorted(Comparator.comparingInt(TenantPanel::order)).toList();
        panelArea.setPadding(false);
        add(header, panelArea);
    }

    public static RouteParameters params(String slug) {
        return new RouteParameters("slug", slug);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var slug = event.getRouteParameters().get("slug").orElse("");
        try {
            var found = tenants.open(slug);
            if (found.isEmpty()) {
                event.rerouteToError(NotFoundException.class, "No tenant '" + slug + "'.");
                return;
            }
            tenant = found.get();
        } catch (org.springframework.security.access.AccessDeniedException e) {
            event.rerouteToError(AccessDeniedException.class, e.getMessage());
            return;
        }
        render();
    }

    private void render() {
        renderHeader();
        panelArea.removeAll();
        for (var panel : panels) {
            panel.create(tenant.id(), tenant.slug(), this::reloadTenant).ifPresent(panelArea::add);
        }
    }

    @Override
    public String getPageTitle() {
        return (tenant == null ? "Tenant" : tenant.displayName()) + " · Concierge";
    }

    /** The tenant changed (for example provisioning finished): header and panels show its new state. */
    private void reloadTenant() {
        tenants.find(tenant.id()).ifPresent(t -> {
            tenant = t;
            render();
        });
    }

    private void renderHeader() {
        header.removeAll();
        var title = new H2(tenant.displayName());
        var slug = new Span(tenant.slug().value());
        slug.getElement().getThemeList().add("badge");
        var titleRow = new HorizontalLayout(title, slug, new StatusBadge(tenant.status()));
        titleRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.add(titleRow);
        var facts = new Paragraph("Schema " + tenant.schema() + " · changelog "
                + (tenant.changelogVersion() == null ? "not applied yet" : tenant.changelogVersion())
                + " · contact " + tenant.contactEmail());
        facts.addClassName("concierge-user");
        header.add(facts);
        if (tenant.statusReason() != null) {
            var reason = new Paragraph((tenant.status() == TenantStatus.FAILED ? "Failure: " : "Reason: ")
                    + tenant.statusReason());
            reason.getStyle().set("color", tenant.status() == TenantStatus.FAILED
                    ? "var(--lumo-error-text-color)" : "var(--lumo-secondary-text-color)");
            reason.getStyle().set("white-space", "pre-wrap");
            header.add(reason);
        }
        if (access.isOperator()) {
            header.add(actions());
        }
    }

    private HorizontalLayout actions() {
        var bar = new HorizontalLayout();
        switch (tenant.status()) {
            case ACTIVE -> bar.add(button("Suspend", ButtonVariant.LUMO_CONTRAST, this::confirmSuspend));
            case SUSPENDED -> bar.add(button("Resume", ButtonVariant.LUMO_SUCCESS,
                    () -> act(() -> tenants.resume(tenant.id()), "resumed")));
            case FAILED -> bar.add(button("Retry provisioning", ButtonVariant.LUMO_PRIMARY,
                    () -> act(() -> tenants.retry(tenant.id()), "is being provisioned again")));
            default -> {
            }
        }
        if (tenant.status() != TenantStatus.OFFBOARDED && tenant.status() != TenantStatus.PROVISIONING) {
            bar.add(button("Invite partner admin", ButtonVariant.LUMO_TERTIARY, this::openInvite));
            bar.add(button("Offboard", ButtonVariant.LUMO_ERROR, this::openOffboard));
        }
        return bar;
    }

    private Button button(String text, ButtonVariant variant, Runnable action) {
        var b = new Button(text, e -> action.run());
        b.addThemeVariants(variant);
        return b;
    }

    private void act(Supplier<TenantSummary> action, String outcome) {
        try {
            tenant = action.get();
            Notifications.success("Tenant '" + tenant.slug() + "' " + outcome + ".");
        } catch (InvalidValueException | TenantStateException e) {
            Notifications.error(e.getMessage());
        }
        reloadTenant();
    }

    private void confirmSuspend() {
        var reason = new TextField("Reason (shown to operators and auditors)");
        reason.setWidthFull();
        ConfirmAction.ask("Suspend " + tenant.slug() + "?")
                .consequence("The platform refuses every request for a suspended tenant until it is resumed.")
                .with(reason)
                .confirm("Suspend", () -> act(() -> tenants.suspend(tenant.id(), reason.getValue()), "suspended"));
    }

    private void openOffboard() {
        var dialog = ConfirmAction.ask("Offboard " + tenant.slug() + "?")
                .consequence("This drops schema " + tenant.schema() + " with all the tenant's data. The tenant "
                        + "record and its history stay. This cannot be undone.")
                .typeToConfirm("Type the slug to confirm", tenant.slug().value());
        dialog.confirm("Offboard and drop schema", () -> act(() -> tenants.offboard(tenant.id(), dialog.typedValue()),
                "offboarded; its schema is being dropped"));
    }

    private void openInvite() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Invite a partner admin for " + tenant.slug());
        var username = new TextField("Username");
        dialog.add(username);
        var invite = new Button("Invite", e -> {
            try {
                var password = users.invitePartnerAdmin(username.getValue().trim(), tenant.id(), tenant.slug());
                dialog.close();
                OneTimePasswordDialog.show(username.getValue().trim(), password);
            } catch (InvalidValueException ex) {
                username.setErrorMessage(ex.getMessage());
                username.setInvalid(true);
            }
        });
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), invite);
        dialog.open();
    }

}
