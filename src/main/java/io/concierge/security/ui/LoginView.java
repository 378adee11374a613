package io.concierge.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.concierge.security.PasswordSignInOffException;
import io.concierge.security.SignInPausedException;
import io.concierge.security.SingleSignOnService;
import io.concierge.security.SsoProvider;
import io.concierge.security.internal.SecondFactorSignIn;
import org.springframework.security.web.WebAttributes;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Sign-in. With password sign-in switched off the form stays (for the break-glass accounts), and any other
 * name is told to use its identity provider, in the same words whether or not it exists. Repeated failures pause sign-in for that username from that address (or for that address); the
 * message then says so and for how long, in the same words whether or not the username exists.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Concierge")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final LoginForm form = new LoginForm();
    private final Div notice = new Div();
    private final Clock clock;
    private final List<SsoProvider> providers;

    public LoginView(SingleSignOnService sso, Clock clock) {
        this.clock = clock;
        this.providers = sso.providers().stream().filter(SsoProvider::enabled).toList();
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        var hint = new Paragraph("Tenant onboarding and configuration console");
        hint.addClassName("concierge-user");
        add(new H1("Concierge"), hint, notice, form);
        addSsoButtons();
    }

    /** One "Sign in with ..." button per enabled provider: a plain link to Spring Security's OIDC login. */
    private void addSsoButtons() {
        if (providers.isEmpty()) {
            return;
        }
        var buttons = new VerticalLayout();
        buttons.setPadding(false);
        buttons.setAlignItems(Alignment.STRETCH);
        buttons.setWidth("var(--vaadin-login-form-width, 20em)");
        for (var provider : providers) {
            var button = new Button("Sign in with " + provider.displayName());
            button.setWidthFull();
            var link = new Anchor("oauth2/authorization/" + provider.id(), button);
            link.setRouterIgnore(true);
            buttons.add(link);
        }
        add(buttons);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (SecondFactorSignIn.inProgress()) {
            event.forwardTo(SecondFactorView.class);
            return;
        }
        var parameters = event.getLocation().getQueryParameters().getParameters();
        var sso = parameters.containsKey("reason") && parameters.getOrDefault("error", List.of()).contains("sso");
        notice.removeAll();
        if (sso) {
            var reason = parameters.get("reason").get(0);
            notice.add(new Paragraph("paused".equals(reason) && lastFailure() instanceof SignInPausedException paused
                    ? pausedMessage(paused, clock) : ssoRefusal(reason)));
            notice.addClassName("concierge-sso-refusal");
        } else if (parameters.containsKey("signed-out")) {
            notice.add(new Paragraph("Your session was ended. Sign in again."));
        }
        notice.getStyle().set("color", "var(--lumo-error-text-color)").set("max-width", "22em");
        var failed = !sso && parameters.containsKey("error");
        var i18n = LoginI18n.createDefault();
        if (failed && lastFailure() instanceof SignInPausedException paused && paused.until().isAfter(clock.instant())) {
            i18n.getErrorMessage().setTitle("Sign-in paused");
            i18n.getErrorMessage().setMessage(pausedMessage(paused, clock));
        } else if (failed && lastFailure() instanceof PasswordSignInOffException) {
            i18n.getErrorMessage().setTitle("Password sign-in is off");
            i18n.getErrorMessage().setMessage(passwordSignInOffMessage(providers));
        }
        form.setI18n(i18n);
        form.setError(failed);
    }

    /** Only known reasons are shown: the query string is the visitor's, not ours. */
    static String ssoRefusal(String reason) {
        return switch (reason) {
            case "unmapped" -> "Your identity provider signed you in, but no mapping rule gives your account a role "
                    + "in Concierge, so you cannot sign in. Ask an operator to add a rule for one of your groups.";
            case "deactivated" -> "Your Concierge account is deactivated. Ask an operator to activate it.";
            case "name-taken" -> "A Concierge account with your name already exists and is not linked to your "
                    + "identity provider. Ask an operator.";
            case "unavailable" -> "That identity provider is not available for signing in.";
            case "paused" -> "Too many failed sign-ins. Sign-in is paused for a while; try again later.";
            default -> "The sign-in with your identity provider could not be verified. Try again; if it keeps "
                    + "failing, ask an operator.";
        };
    }

    /**
     * Password sign-in is off for all but the break-glass accounts: where to sign in instead, in the same words
     * for every username (existing or not), so they reveal nothing about it.
     */
    static String passwordSignInOffMessage(List<SsoProvider> providers) {
        if (providers.isEmpty()) {
            return "Password sign-in is off. Ask an operator how to sign in.";
        }
        if (providers.size() == 1) {
            return "Password sign-in is off; use Sign in with " + providers.get(0).displayName() + ".";
        }
        return "Password sign-in is off; use one of the Sign in with … buttons below.";
    }

    /** The same words for every username: nothing in them depends on whether it exists. */
    static String pausedMessage(SignInPausedException paused, Clock clock) {
        var minutes = Math.max(1, (Duration.between(clock.instant(), paused.until()).toSeconds() + 59) / 60);
        return "Too many failed sign-ins. Sign-in is paused for " + minutes + (minutes == 1 ? " minute" : " minutes")
                + ", until " + TIME.format(paused.until()) + ". Try again then.";
    }

    private static Object lastFailure() {
        var session = VaadinSession.getCurrent();
        return session == null || session.getSession() == null ? null
                : session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }
}
