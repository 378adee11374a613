package io.concierge.security.internal;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import io.concierge.security.CurrentUser;
import io.concierge.security.MappingOutcome;
import io.concierge.security.Role;
import io.concierge.support.KaribuTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Accounts managed by single sign-on: their account page (no password form, but where their identity comes from),
 * and the one name no provider can give them.
 */
class ManagedAccountTests extends KaribuTest {

    @Autowired
    ManagedUsers managed;
    @Autowired
    ConsoleUserRepository accounts;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_managed_user_is_told_which_provider_they_sign_in_with_instead_of_a_password_form() {
        var subject = "sub-" + UUID.randomUUID();
        // this context configures no provider, so the page names the provider by its id (with one: its name)
        var user = managed.signIn("corp-sso", subject, "mia" + subject.substring(4, 12),
                new MappingOutcome(Role.AUDITOR, null, null, List.of("groups=audit"), null));
        login(new CurrentUser(user.getUsername(), Role.AUDITOR, null, null));
        navigate("account");

        assertThat(_find(PasswordField.class)).as("no console password to change").isEmpty();
        assertThat(_get(Paragraph.class, s -> s.withId("account-identity-source")).getText())
                .startsWith("You sign in with corp-sso, which keeps your password and second factor");
        var security = _get(Div.class, s -> s.withId("account-security"));
        _get(security, H3.class, s -> s.withText("Security"));
    }

    @Test
    void a_provider_cannot_give_an_account_the_name_of_the_consoles_own_actions() {
        var subject = "sub-" + UUID.randomUUID();
        var outcome = new MappingOutcome(Role.OPERATOR, null, null, List.of("groups=ops"), null);

        assertThatThrownBy(() -> managed.signIn("corp-sso", subject, "System", outcome))
                .isInstanceOfSatisfying(ManagedUsers.Refused.class, refused -> assertThat(refused.code)
                        .as("the login page's message for a name that is taken").isEqualTo("name-taken"));
        assertThat(accounts.existsByUsername("system")).isFalse();
    }

    @Test
    void the_database_refuses_an_account_named_system_whoever_writes_it() {
        // as the console's application user, past every check of the console's code
        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO concierge.console_user (id, username, password_hash, role, created_at)
                VALUES (?, 'system', 'x', 'AUDITOR', now())""", UUID.randomUUID()))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("console_user_username_not_system");
    }
}
