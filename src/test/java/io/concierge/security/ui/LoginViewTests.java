package io.concierge.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.PasswordSignInOffException;
import io.concierge.security.Role;
import io.concierge.security.SignInPausedException;
import io.concierge.support.KaribuTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.util.concurrent.ThreadLocalRandom;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the login page says after sign-in was paused (that it is paused and for how long, alike for every name),
 * and while password sign-in is off.
 */
class LoginViewTests extends KaribuTest {

    @Autowired
    ConsoleUserService users;
    @Autowired
    AuthenticationConfiguration authentication;

    @Test
    void a_paused_sign_in_says_so_and_for_how_long_in_the_same_words_whether_or_not_the_user_exists()
            throws Exception {
        var real = "viewpause" + uniqueSlug("v").substring(2).replace("_", "");
        login(OPERATOR);
        users.createWithPassword(real, "right-password", Role.AUDITOR, null, null);
        SecurityContextHolder.clearContext();
        var ghost = "ghost" + uniqueSlug("g").substring(2);
        var address = "10.77." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);

        var realMessage = pageAfterPause(real, address);
        var ghostMessage = pageAfterPause(ghost, address);

        assertThat(realMessage).contains("\"title\":\"Sign-in paused\"")
                .contains("Too many failed sign-ins. Sign-in is paused for 15 minutes, until ");
        assertThat(ghostMessage.replaceAll("\\d\\d:\\d\\d UTC", "HH:mm UTC"))
                .isEqualTo(realMessage.replaceAll("\\d\\d:\\d\\d UTC", "HH:mm UTC"));
    }

    @Test
    void a_wrong_password_keeps_the_usual_message() {
        UI.getCurrent().navigate("login", QueryParameters.fromString("error"));
        var form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(form.getElement().getPropertyRaw("i18n").toString()).doesNotContain("paused");
    }

    @Test
    void with_password_sign_in_off_a_password_is_told_where_to_sign_in_and_the_form_stays_for_break_glass() {
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION,
                new PasswordSignInOffException());
        UI.getCurrent().navigate("login", QueryParameters.fromString("error"));
        var form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(form.getAction()).as("the form still posts, for the break-glass accounts").isEqualTo("login");
        // this context has no identity provider, so it names none; SingleSignOnTests checks the provider's name
        assertThat(form.getElement().getPropertyRaw("i18n").toString())
                .contains("\"title\":\"Password sign-in is off\"")
                .contains("Password sign-in is off. Ask an operator how to sign in.");
    }

    /** Pauses the name from the address as a sign-in would, then shows the login page as after the redirect. */
    private String pageAfterPause(String username, String address) throws Exception {
        var manager = authentication.getAuthenticationManager();
        SignInPausedException paused = null;
        for (int i = 0; i < 6 && paused == null; i++) {
            try {
                manager.authenticate(attempt(username, "guess-" + i, address));
            } catch (SignInPausedException e) {
                paused = e;
            } catch (RuntimeException e) {
                // a wrong password: counted
            }
        }
        assertThat(paused).as("paused after five failures").isNotNull();
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, paused);
        UI.getCurrent().navigate("login", QueryParameters.fromString("error"));
        var form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        return form.getElement().getPropertyRaw("i18n").toString();
    }

    private static UsernamePasswordAuthenticationToken attempt(String username, String password, String address) {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        var token = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }
}
