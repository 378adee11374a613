package io.concierge.tenant.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.shared.TenantSlug;
import io.concierge.support.KaribuTest;
import io.concierge.support.TestTenants;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class TenantViewsTests extends KaribuTest {

    @Autowired
    TenantService tenants;

    @Test
    void an_operator_creates_a_tenant_and_lands_on_its_page() {
        login(OPERATOR);
        navigate("tenants");
        _click(_get(Button.class, spec -> spec.withText("New tenant")));
        var dialog = _get(Dialog.class);
        var slug = uniqueSlug("ui");
        _setValue(_get(dialog, TextField.class, spec -> spec.withLabel("Slug")), slug);
        _setValue(_get(dialog, TextField.class, spec -> spec.withLabel("Display name")), "UI Created");
        _setValue(_get(dialog, EmailField.class, spec -> spec.withLabel("Contact email")), "ops@ui.example");
        _click(_get(dialog, Button.class, spec -> spec.withText("Create tenant")));

        assertThat(currentView()).isInstanceOf(TenantView.class);
        assertThat(_get(H2.class, spec -> spec.withText("UI Created"))).isNotNull();
        assertThat(tenants.open(slug)).isPresent();
    }

    @Test
    void a_bad_slug_is_shown_on_the_field_and_nothing_is_created() {
        login(OPERATOR);
        navigate("tenants");
        _click(_get(Button.class, spec -> spec.withText("New tenant")));
        var dialog = _get(Dialog.class);
        var slugField = _get(dialog, TextField.class, spec -> spec.withLabel("Slug"));
        _setValue(slugField, "pg_catalog2");
        _setValue(_get(dialog, TextField.class, spec -> spec.withLabel("Display name")), "Bad");
        _setValue(_get(dialog, EmailField.class, spec -> spec.withLabel("Contact email")), "ops@bad.example");
        _click(_get(dialog, Button.class, spec -> spec.withText("Create tenant")));

        assertThat(slugField.isInvalid()).isTrue();
        assertThat(slugField.getErrorMessage()).isEqualTo("Slugs starting with 'pg_' are reserved by PostgreSQL.");
        assertThat(currentView()).isInstanceOf(TenantsView.class);
    }

    @Test
    void a_direction_override_in_the_name_and_markup_in_the_email_are_shown_on_their_fields() {
        login(OPERATOR);
        navigate("tenants");
        _click(_get(Button.class, spec -> spec.withText("New tenant")));
        var dialog = _get(Dialog.class);
        _setValue(_get(dialog, TextField.class, spec -> spec.withLabel("Slug")), uniqueSlug("bidi"));
        var name = _get(dialog, TextField.class, spec -> spec.withLabel("Display name"));
        var email = _get(dialog, EmailField.class, spec -> spec.withLabel("Contact email"));
        _setValue(name, "Acme \u202Ekcab");
        _setValue(email, "ops@acme.example");
        _click(_get(dialog, Button.class, spec -> spec.withText("Create tenant")));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Display name must not contain invisible text-direction "
                + "characters, which make text display differently from how it is stored (found U+202E at character 6).");

        _setValue(name, "Acme");
        _setValue(email, "<script>alert(1)</script>@evil.example");
        _click(_get(dialog, Button.class, spec -> spec.withText("Create tenant")));
        assertThat(email.isInvalid()).isTrue();
        assertThat(email.getErrorMessage()).startsWith("Contact email '<script>alert(1)</script>@evil.example' is not a "
                + "valid address");
        assertThat(currentView()).isInstanceOf(TenantsView.class);
    }

    @Test
    void a_slug_longer_than_30_characters_gets_a_message_and_no_tenant_is_created() {
        login(OPERATOR);
        navigate("tenants");
        _click(_get(Button.class, spec -> spec.withText("New tenant")));
        var dialog = _get(Dialog.class);
        var slugField = _get(dialog, TextField.class, spec -> spec.withLabel("Slug"));
        var tooLong = "long" + uniqueSlug("x").replace("_", "") + "abcdefghijklmnopqrstuvwxyz";
        _setValue(slugField, tooLong);
        var message = "Slug must be 3 to 30 characters long (it has " + tooLong.length() + ").";
        assertThat(slugField.isInvalid()).as("told while typing").isTrue();
        assertThat(slugField.getErrorMessage()).isEqualTo(message);
        _setValue(_get(dialog, TextField.class, spec -> spec.withLabel("Display name")), "Too Long");
        _setValue(_get(dialog, EmailField.class, spec -> spec.withLabel("Contact email")), "ops@long.example");
        _click(_get(dialog, Button.class, spec -> spec.withText("Create tenant")));

        assertThat(slugField.getErrorMessage()).isEqualTo(message);
        assertThat(currentView()).isInstanceOf(TenantsView.class);
        assertThat(tenants.open(tooLong.substring(0, 30))).as("no tenant under the cut slug").isEmpty();
    }

    @Test
    void the_tenants_grid_filters_by_slug() {
        var slug = registerAsOperator("grid");
        login(OPERATOR);
        navigate("tenants");
        var view = (TenantsView) currentView();
        _setValue(view.slugFilter, slug);
        @SuppressWarnings("unchecked")
        Grid<TenantSummary> grid = _get(Grid.class);
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._get(grid, 0).slug().value()).isEqualTo(slug);
    }

    @Test
    void an_auditor_sees_tenants_but_cannot_create_or_change_them() {
        var slug = registerAsOperator("audview");
        login(AUDITOR);
        navigate("tenants");
        _assertNone(Button.class, spec -> spec.withText("New tenant"));
        navigate("tenants/" + slug);
        assertThat(currentView()).isInstanceOf(TenantView.class);
        _assertNone(Button.class, spec -> spec.withText("Offboard"));
        _assertNone(Button.class, spec -> spec.withText("Suspend"));
        _assertNone(Button.class, spec -> spec.withText("Invite partner admin"));
    }

    @Test
    void a_partner_admin_sees_their_own_tenant_without_operator_controls() {
        var slug = registerAsOperator("home");
        var tenant = tenantOf(slug);
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + slug);
        assertThat(currentView()).isInstanceOf(TenantView.class);
        assertThat(_get(H2.class, spec -> spec.withText(tenant.displayName()))).isNotNull();
        _assertNone(Button.class, spec -> spec.withText("Offboard"));
    }

    @Test
    void a_partner_admin_cannot_open_another_tenant_by_url() {
        var own = tenantOf(registerAsOperator("own"));
        var other = registerAsOperator("other");
        login(partnerAdmin(own.id(), own.slug()));
        assertRefused("tenants/" + other);
        // the same answer for a tenant that does not exist: the refusal reveals nothing
        assertRefused("tenants/does_not_exist");
    }

    @Test
    void a_partner_admin_or_auditor_cannot_reach_the_tenants_list_or_user_management() {
        var own = tenantOf(registerAsOperator("deny"));
        login(partnerAdmin(own.id(), own.slug()));
        assertRefused("tenants");
        assertRefused("users");
        login(AUDITOR);
        assertRefused("users");
    }

    @Test
    void an_operator_offboards_only_after_typing_the_slug() {
        var slug = TestTenants.active(tenants, uniqueSlug("off")).slug().value();
        login(OPERATOR);
        navigate("tenants/" + slug);
        _click(_get(Button.class, spec -> spec.withText("Offboard")));
        var confirm = _get(Button.class, spec -> spec.withText("Offboard and drop schema"));
        assertThat(confirm.isEnabled()).isFalse();
        _setValue(_get(TextField.class, spec -> spec.withLabel("Type the slug to confirm")), "wrong");
        assertThat(confirm.isEnabled()).isFalse();
        _setValue(_get(TextField.class, spec -> spec.withLabel("Type the slug to confirm")), slug);
        _click(confirm);
        assertThat(tenantOf(slug).status()).isEqualTo(TenantStatus.OFFBOARDED);
    }

    @Test
    void an_operator_suspends_and_resumes_an_active_tenant() {
        var slug = TestTenants.active(tenants, uniqueSlug("susp")).slug().value();
        login(OPERATOR);
        navigate("tenants/" + slug);
        _click(_get(Button.class, spec -> spec.withText("Suspend")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Reason (shown to operators and auditors)")), "KYC audit");
        _click(_get(_get(Dialog.class), Button.class, spec -> spec.withText("Suspend")));
        assertThat(tenantOf(slug).status()).isEqualTo(TenantStatus.SUSPENDED);
        _click(_get(Button.class, spec -> spec.withText("Resume")));
        assertThat(tenantOf(slug).status()).isEqualTo(TenantStatus.ACTIVE);
    }

    private String registerAsOperator(String prefix) {
        var slug = uniqueSlug(prefix);
        signIn(OPERATOR);
        tenants.register(new NewTenant(slug, "Tenant " + slug, "ops@example.com", null));
        return slug;
    }

    private TenantSummary tenantOf(String slug) {
        signIn(OPERATOR);
        return tenants.open(new TenantSlug(slug).value()).orElseThrow();
    }

}
