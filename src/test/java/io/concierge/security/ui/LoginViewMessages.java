package io.concierge.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import io.concierge.security.SingleSignOnService;
import io.concierge.security.SsoProvider;

import java.util.List;
import java.util.stream.Stream;

/** What the login page shows, for tests outside this package. */
public final class LoginViewMessages {

    private LoginViewMessages() {
    }

    public static String of(String reason) {
        return LoginView.ssoRefusal(reason);
    }

    /** What the login page says to a password sign-in while password sign-in is off (but for break-glass). */
    public static String passwordSignInOff(SingleSignOnService sso) {
        return LoginView.passwordSignInOffMessage(sso.providers().stream().filter(SsoProvider::enabled).toList());
    }

    /** The texts of the login page's provider buttons. */
    public static List<String> buttons(SingleSignOnService sso) {
        return descendants(new LoginView(sso, java.time.Clock.systemUTC())).filter(Button.class::isInstance).map(c -> ((Button) c).getText()).toList();
    }

    private static Stream<Component> descendants(Component c) {
        return Stream.concat(Stream.of(c), c.getChildren().flatMap(LoginViewMessages::descendants));
    }
}
