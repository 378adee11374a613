package io.concierge.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.concierge.security.SingleSignOnService;
import io.concierge.security.SsoProvider;
import io.concierge.security.internal.SecondFactorSignIn;

import java.util.List;

/** Sign-in. Failed attempts are counted and lock the account for a while after too many. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Concierge")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    private final Div notice = new Div();

    public LoginView(SingleSignOnService sso) {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        var hint = new Paragraph("Tenant onboarding and configuration console");
        hint.addClassName("concierge-user");
        add(new H1("Concierge"), hint, notice, form);
        addSsoButtons(sso);
    }

    /** One "Sign in with ..." button per enabled provider: a plain link to Spring Security's OIDC login. */
    private void addSsoButtons(SingleSignOnService sso) {
        var providers = sso.providers().stream().filter(SsoProvider::enabled).toList();
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
            notice.add(new Paragraph(ssoRefusal(parameters.get("reason").get(0))));
            notice.addClassName("concierge-sso-refusal");
        } else if (parameters.containsKey("signed-out")) {
            notice.add(new Paragraph("Your session was ended. Sign in again."));
        }
        notice.getStyle().set("color", "var(--lumo-error-text-color)").set("max-width", "22em");
        form.setError(!sso && parameters.containsKey("error"));
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
            default -> "The sign-in with your identity provider could not be verified. Try again; if it keeps "
                    + "failing, ask an operator.";
        };
    }
}
