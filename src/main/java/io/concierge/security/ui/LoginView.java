package io.concierge.security.ui;

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
import io.concierge.security.SignInPausedException;
import org.springframework.security.web.WebAttributes;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Sign-in. Repeated failures pause sign-in for that username from that address (or for that address); the
 * message then says so and for how long, in the same words whether or not the username exists.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Concierge")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final LoginForm form = new LoginForm();
    private final Clock clock;

    public LoginView(Clock clock) {
        this.clock = clock;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        var hint = new Paragraph("Tenant onboarding and configuration console");
        hint.addClassName("concierge-user");
        add(new H1("Concierge"), hint, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var failed = event.getLocation().getQueryParameters().getParameters().containsKey("error");
        var i18n = LoginI18n.createDefault();
        if (failed && lastFailure() instanceof SignInPausedException paused && paused.until().isAfter(clock.instant())) {
            i18n.getErrorMessage().setTitle("Sign-in paused");
            i18n.getErrorMessage().setMessage(pausedMessage(paused, clock));
        }
        form.setI18n(i18n);
        form.setError(failed);
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
