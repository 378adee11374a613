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

import java.util.List;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The account page of a user managed by single sign-on: no password form, but where their identity comes from. */
class ManagedAccountTests extends KaribuTest {

    @Autowired
    ManagedUsers managed;

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
}
