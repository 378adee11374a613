package io.concierge.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.concierge.security.MappingRule;
import io.concierge.security.Role;
import io.concierge.security.SingleSignOnService;
import io.concierge.security.SsoProvider;
import io.concierge.security.TenantAccess;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.Notifications;
import io.concierge.shared.ui.Times;
import jakarta.annotation.security.RolesAllowed;

/**
 * Who may sign in through which provider, as what. Operators edit the rules; auditors read them and test
 * claims against them. Every change is audited.
 */
@Route("sign-in-mapping")
@PageTitle("Sign-in mapping · Concierge")
@Menu(title = "Sign-in mapping", order = 31)
@RolesAllowed({Role.Names.OPERATOR, Role.Names.AUDITOR})
class MappingRulesView extends VerticalLayout {

    private final SingleSignOnService sso;
    private final Grid<MappingRule> grid = new Grid<>();
    private final boolean operator;

    MappingRulesView(SingleSignOnService sso, TenantAccess access) {
        this.sso = sso;
        this.operator = access.isOperator();
        add(new H2("Sign-in mapping"), new Paragraph("A sign-in through an identity provider gets the role of the "
                + "rule its claims match. No matching rule, or rules that disagree, and the sign-in is refused. "
                + "A partner admin rule binds exactly one tenant."));
        var providers = sso.providers();
        if (providers.isEmpty()) {
            add(new Paragraph("No identity provider is configured (concierge.identity.providers.*)."));
        } else {
            add(new Paragraph("Providers: " + String.join(", ", providers.stream()
                    .map(p -> p.displayName() + " (" + p.id() + (p.enabled() ? "" : ", disabled") + ", groups in '"
                            + p.groupsClaim() + "')").toList())));
        }
        grid.addColumn(MappingRule::provider).setHeader("Provider");
        grid.addColumn(r -> r.claim() + " = " + r.value()).setHeader("When");
        grid.addColumn(MappingRule::grants).setHeader("Gives");
        grid.addColumn(r -> r.createdBy() + ", " + Times.format(r.createdAt())).setHeader("Added by");
        if (operator) {
            grid.addComponentColumn(r -> {
                var remove = new Button("Remove", e -> confirmRemove(r));
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                return remove;
            }).setHeader("Actions").setAutoWidth(true);
        }
        grid.setAllRowsVisible(true);
        add(grid);
        if (operator && !providers.isEmpty()) {
            add(addForm(providers));
        }
        if (!providers.isEmpty()) {
            add(testForm(providers));
        }
        refresh();
    }

    private VerticalLayout addForm(java.util.List<SsoProvider> providers) {
        var provider = providerSelect(providers);
        var claim = new TextField("Claim");
        claim.setPlaceholder("the provider's groups claim");
        var value = new TextField("Value");
        var role = new Select<Role>();
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setItemLabelGenerator(Role::label);
        var tenant = new TextField("Tenant (slug)");
        tenant.setEnabled(false);
        role.addValueChangeListener(e -> tenant.setEnabled(e.getValue() == Role.PARTNER_ADMIN));
        var add = new Button("Add rule", e -> {
            for (var field : new com.vaadin.flow.component.HasValidation[]{value, tenant, role}) {
                field.setInvalid(false);
            }
            try {
                var rule = sso.addRule(provider.getValue() == null ? null : provider.getValue().id(), claim.getValue(),
                        value.getValue(), role.getValue(), tenant.isEnabled() ? tenant.getValue() : null);
                Notifications.success("Rule added: " + rule.claim() + " = " + rule.value() + " gives " + rule.grants());
                value.clear();
                tenant.clear();
                refresh();
            } catch (InvalidValueException ex) {
                var field = switch (ex.field() == null ? "" : ex.field()) {
                    case "tenant" -> tenant;
                    case "role" -> role;
                    default -> value;
                };
                field.setErrorMessage(ex.getMessage());
                field.setInvalid(true);
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var row = new HorizontalLayout(provider, claim, value, role, tenant, add);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        var form = new VerticalLayout(new H3("Add a rule"), row);
        form.setPadding(false);
        return form;
    }

    private VerticalLayout testForm(java.util.List<SsoProvider> providers) {
        var provider = providerSelect(providers);
        var claims = new TextArea("Claims (JSON)");
        claims.setWidthFull();
        claims.setPlaceholder("{\"sub\": \"123\", \"preferred_username\": \"jane\", \"groups\": [\"ops\"]}");
        var result = new Paragraph();
        result.addClassName("mapping-result");
        var test = new Button("Test", e -> {
            claims.setInvalid(false);
            try {
                var outcome = sso.test(provider.getValue() == null ? "" : provider.getValue().id(), claims.getValue());
                result.setText((outcome.granted() ? "Signs in as " : "Refused: ") + outcome.describe());
            } catch (InvalidValueException ex) {
                claims.setErrorMessage(ex.getMessage());
                claims.setInvalid(true);
                result.setText("");
            }
        });
        var form = new VerticalLayout(new H3("Test a mapping"), provider, claims, test, result);
        form.setPadding(false);
        return form;
    }

    private static Select<SsoProvider> providerSelect(java.util.List<SsoProvider> providers) {
        var provider = new Select<SsoProvider>();
        provider.setLabel("Provider");
        provider.setItems(providers);
        provider.setItemLabelGenerator(SsoProvider::displayName);
        provider.setValue(providers.get(0));
        return provider;
    }

    private void confirmRemove(MappingRule rule) {
        var confirm = new ConfirmDialog("Remove this rule?", "Users who sign in through " + rule.provider()
                + " with " + rule.claim() + " = " + rule.value() + " will no longer get " + rule.grants()
                + " (sessions already open keep their role until they end).", "Remove", e -> {
                    sso.removeRule(rule.id());
                    Notifications.success("Rule removed");
                    refresh();
                });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private void refresh() {
        grid.setItems(sso.rules());
    }
}
