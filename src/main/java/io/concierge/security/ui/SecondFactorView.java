package io.concierge.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.concierge.security.SignInPausedException;
import io.concierge.security.internal.SecondFactorSignIn;

import java.time.Clock;

/**
 * The step after the password: the code from the user's authenticator app (or a recovery code), or, for a user
 * whose role requires a second factor and who has none, enrolment.
 */
@Route(value = "login/code", autoLayout = false)
@PageTitle("Second factor · Concierge")
@AnonymousAllowed
class SecondFactorView extends VerticalLayout implements BeforeEnterObserver {

    private final SecondFactorSignIn signIn;
    private final Clock clock;
    private final TextField code = new TextField("Code");

    SecondFactorView(SecondFactorSignIn signIn, Clock clock) {
        this.signIn = signIn;
        this.clock = clock;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        if (signIn.pendingUser().isEmpty()) {
            event.forwardTo(LoginView.class);
            return;
        }
        add(new H1("Concierge"));
        if (signIn.enrolmentRequired()) {
            add(new H2("Set up two-factor sign-in"), new Paragraph("Your role must sign in with a second factor. "
                    + "Set it up now to continue."));
            add(new EnrolmentPanel(signIn.startEnrolment(), signIn::enrol, () -> {
                signIn.finishEnrolment(request(), response());
                UI.getCurrent().getPage().setLocation("./");
            }));
            return;
        }
        code.setHelperText("The six-digit code from your authenticator app, or one of your recovery codes.");
        code.setAutofocus(true);
        var verify = new Button("Verify", e -> verify());
        verify.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2("Two-factor sign-in"), code, verify);
    }

    private void verify() {
        switch (signIn.submit(code.getValue(), request(), response())) {
            case SIGNED_IN -> UI.getCurrent().getPage().setLocation("./");
            case WRONG_CODE -> {
                code.setInvalid(true);
                code.setErrorMessage("That code is not right, or it has been used already.");
                code.clear();
            }
            case PAUSED -> {
                var until = signIn.pausedUntil(request());
                removeAll();
                add(new H1("Concierge"), new Paragraph(until.isPresent()
                        ? LoginView.pausedMessage(new SignInPausedException(until.get()), clock)
                        : "Too many failed sign-ins. Try again later."));
            }
            case DEACTIVATED -> {
                removeAll();
                add(new H1("Concierge"), new Paragraph("Your account is deactivated. Ask an operator to activate it."));
            }
            case NOT_PENDING -> UI.getCurrent().navigate(LoginView.class);
        }
    }

    private static jakarta.servlet.http.HttpServletRequest request() {
        return VaadinServletRequest.getCurrent().getHttpServletRequest();
    }

    private static jakarta.servlet.http.HttpServletResponse response() {
        return VaadinServletResponse.getCurrent().getHttpServletResponse();
    }
}
