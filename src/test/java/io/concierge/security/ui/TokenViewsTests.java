package io.concierge.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.security.ApiTokenService;
import io.concierge.security.ApiTokenSummary;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.shared.ui.ConfirmAction;
import io.concierge.shared.ui.OneTimePasswordDialog;
import io.concierge.support.KaribuTest;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The account page's API tokens and the operators' service accounts view. */
class TokenViewsTests extends KaribuTest {

    @Autowired
    ApiTokenService tokens;
    @Autowired
    TenantService tenants;

    @Test
    void a_user_issues_a_token_on_their_account_page_sees_it_once_and_revokes_it() {
        login(OPERATOR);
        navigate("account");
        var panel = _get(TokensPanel.class);
        var name = "laptop " + UUID.randomUUID().toString().substring(0, 6);
        _setValue(panel.name, name);
        _click(panel.create);

        var shown = _get(OneTimePasswordDialog.class);
        assertThat(shown.getHeaderTitle()).isEqualTo("Your new API token");
        var secret = _get(shown, Span.class, spec -> spec.withClasses("one-time-secret")).getText();
        assertThat(secret).matches("cnc_pat_[A-Za-z0-9]{12}_[A-Za-z0-9]{40}");
        _get(shown, Button.class, spec -> spec.withText("Copy"));
        shown.close();

        signIn(OPERATOR);
        var issued = tokens.ownTokens().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        assertThat(issued.hint()).isEqualTo(secret.substring(0, 20));
        assertThat(issued.expiresAt()).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(91)
                .atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(panel.grid.getListDataView().getItems()).anySatisfy(t -> assertThat(t.name()).isEqualTo(name));

        login(OPERATOR);
        var row = panel.grid.getListDataView().getItems().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        assertThat(row.status()).isEqualTo(ApiTokenSummary.Status.ACTIVE);
        _click((Button) _getCellComponent(panel.grid,
                panel.grid.getListDataView().getItems().toList().indexOf(row), "actions"));
        _click(_get(_get(ConfirmAction.class), Button.class, spec -> spec.withText("Revoke")));
        signIn(OPERATOR);
        assertThat(tokens.ownTokens().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().status())
                .isEqualTo(ApiTokenSummary.Status.REVOKED);
    }

    @Test
    void an_expiry_beyond_a_year_is_refused_at_the_field() {
        login(AUDITOR);
        navigate("account");
        var panel = _get(TokensPanel.class);
        _setValue(panel.name, "too long");
        panel.expiresOn.setMax(null);
        _setValue(panel.expiresOn, LocalDate.now(ZoneOffset.UTC).plusYears(2));
        _click(panel.create);
        assertThat(panel.expiresOn.isInvalid()).isTrue();
        assertThat(panel.expiresOn.getErrorMessage()).startsWith("A token may live at most a year");
        assertThat(_size(panel.grid)).isZero();
    }

    @Test
    void an_operator_creates_a_tenant_bound_service_account_and_issues_and_rotates_its_token() {
        var acme = TestTenants.active(tenants, uniqueSlug("tokv"));
        login(OPERATOR);
        navigate("service-accounts");
        _click(_get(Button.class, spec -> spec.withText("New service account")));
        var dialog = _get(Dialog.class);
        var name = "ci-" + UUID.randomUUID().toString().substring(0, 8);
        _setValue(_get(dialog, TextField.class, spec -> spec.withLabel("Name")), name);
        @SuppressWarnings("unchecked")
        Select<Role> role = _get(dialog, Select.class, spec -> spec.withLabel("Role"));
        _setValue(role, Role.PARTNER_ADMIN);
        _setValue(_get(dialog, TextField.class, spec -> spec.withLabel("Tenant (slug)")), acme.slug().value());
        _click(_get(dialog, Button.class, spec -> spec.withText("Create")));

        var tokensDialog = _get(ServiceAccountsView.TokensDialog.class);
        _setValue(tokensDialog.tokenName, "deploy");
        _click(_get(tokensDialog, Button.class, spec -> spec.withText("Issue token")));
        var shown = _get(OneTimePasswordDialog.class);
        assertThat(_get(shown, Span.class, spec -> spec.withClasses("one-time-secret")).getText()).startsWith("cnc_sa_");
        shown.close();
        var actions = (com.vaadin.flow.component.orderedlayout.HorizontalLayout)
                _getCellComponent(tokensDialog.tokenGrid, 0, "actions");
        _click(_get(actions, Button.class, spec -> spec.withText("Rotate")));
        signIn(OPERATOR);
        var all = tokens.serviceTokens(name);
        assertThat(all).hasSize(2).allSatisfy(t -> assertThat(t.status()).isEqualTo(ApiTokenSummary.Status.ACTIVE));
        var account = tokens.serviceAccount(name);
        assertThat(account.tenantSlug()).isEqualTo(acme.slug().value());
        assertThat(account.role()).isEqualTo(Role.PARTNER_ADMIN);
    }

    @Test
    void a_partner_admin_and_an_auditor_may_not_open_service_accounts() {
        var acme = TestTenants.active(tenants, uniqueSlug("tokw"));
        login(new CurrentUser(acme.slug() + "-admin", Role.PARTNER_ADMIN, acme.id(), acme.slug()));
        assertRefused("service-accounts");
        login(AUDITOR);
        assertRefused("service-accounts");
    }
}
