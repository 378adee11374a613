package io.concierge.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.textfield.PasswordField;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.support.KaribuTest;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** Generated passwords are temporary; every user changes their own password on the account page. */
class AccountTests extends KaribuTest {

    @Autowired
    ConsoleUserService users;

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    private static String username(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void a_new_staff_user_must_choose_a_password_before_reaching_anything_else() {
        signIn(OPERATOR);
        var name = username("aud");
        var oneTime = users.createStaff(name, Role.AUDITOR);
        login(new CurrentUser(name, Role.AUDITOR, null, null));

        for (var page : new String[]{"", "tenants", "audit", "account"}) {
            navigate(page);
            assertThat(currentView()).as("on the way to '" + page + "'").isInstanceOf(ForcedPasswordChangeView.class);
        }
        var form = _get(PasswordChangeForm.class);
        assertThat(form.current.getLabel()).isEqualTo("One-time password");
        change(form, oneTime, "correct horse battery staple");
        assertThat(currentView().getClass().getSimpleName()).as("home, once the password is the user's own")
                .isEqualTo("HomeView");
        navigate("tenants");
        assertThat(currentView().getClass().getSimpleName()).isEqualTo("TenantsView");
        signIn(OPERATOR);
        assertThat(users.mustChangePassword()).isFalse();
    }

    @Test
    void an_invited_partner_admin_and_a_reset_password_are_temporary_too() {
        var tenant = TestTenants.active(tenants, uniqueSlug("temp"));
        signIn(OPERATOR);
        var admin = username("pa");
        users.invitePartnerAdmin(admin, tenant.id(), tenant.slug());
        login(new CurrentUser(admin, Role.PARTNER_ADMIN, tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug().value());
        assertThat(currentView()).isInstanceOf(ForcedPasswordChangeView.class);

        signIn(OPERATOR);
        var staff = username("op");
        users.createWithPassword(staff, "an operator-chosen passphrase", Role.OPERATOR, null, null);
        users.resetPassword(staff);
        login(new CurrentUser(staff, Role.OPERATOR, null, null));
        navigate("users");
        assertThat(currentView()).isInstanceOf(ForcedPasswordChangeView.class);
    }

    @Test
    void each_refused_password_says_why_at_its_field() {
        signIn(OPERATOR);
        var name = username("aud");
        users.createWithPassword(name, "the first passphrase", Role.AUDITOR, null, null);
        login(new CurrentUser(name, Role.AUDITOR, null, null));
        navigate("account");
        var form = _get(PasswordChangeForm.class);

        change(form, "not my password", "a perfectly fine passphrase");
        assertRefusedAt(form.current, "This is not your current password.");
        change(form, "the first passphrase", "short");
        assertRefusedAt(form.chosen, "Use at least 12 characters.");
        change(form, "the first passphrase", "Password1234");
        assertRefusedAt(form.chosen, "This is one of the most common passwords; choose another.");
        change(form, "the first passphrase", name + "-secret");
        assertRefusedAt(form.chosen, "Do not build the password from your username.");
        _setValue(form.current, "the first passphrase");
        _setValue(form.chosen, "a perfectly fine passphrase");
        _setValue(form.repeated, "a perfectly fine passphrase!");
        _click(form.change);
        assertRefusedAt(form.repeated, "The two new passwords differ.");

        change(form, "the first passphrase", "a perfectly fine passphrase");
        assertThat(form.current.isInvalid() || form.chosen.isInvalid()).isFalse();
        signIn(OPERATOR);
        assertThat(users.list()).filteredOn(u -> u.username().equals(name)).hasSize(1);
    }

    @Test
    void the_account_page_has_a_security_section_for_further_sign_in_settings() {
        login(AUDITOR);
        navigate("account");
        var security = _get(Div.class, spec -> spec.withId(AccountView.SECURITY_SECTION_ID));
        _get(security, H3.class, spec -> spec.withText("Security"));
        _get(Button.class, spec -> spec.withText("Change password"));
    }

    private static void change(PasswordChangeForm form, String current, String chosen) {
        _setValue(form.current, current);
        _setValue(form.chosen, chosen);
        _setValue(form.repeated, chosen);
        _click(form.change);
    }

    private static void assertRefusedAt(PasswordField field, String message) {
        assertThat(field.isInvalid()).as(field.getLabel() + " marked").isTrue();
        assertThat(field.getErrorMessage()).isEqualTo(message);
    }
}
