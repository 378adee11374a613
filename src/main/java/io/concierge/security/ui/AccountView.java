package io.concierge.security.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.concierge.security.ApiTokenService;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.TenantAccess;
import io.concierge.shared.ui.Notifications;
import jakarta.annotation.security.PermitAll;

/**
 * The signed-in user's own account: who they are, their password (or, for a user managed by single sign-on,
 * which provider they sign in with), a "Security" section where further sign-in protection (two-factor, at
 * {@code account/two-factor}) is linked from, and their API tokens.
 */
@Route("account")
@PageTitle("Your account · Concierge")
@PermitAll
class AccountView extends VerticalLayout {

    /** The section other sign-in settings add their link to (by this id). */
    static final String SECURITY_SECTION_ID = "account-security";

    AccountView(ConsoleUserService users, TenantAccess access, ApiTokenService tokens) {
        setMaxWidth("60rem");
        var user = access.current().orElseThrow();
        add(new H2("Your account"));
        add(new Paragraph(user.username() + " · " + user.role().label()
                + (user.tenantSlug() == null ? "" : " of tenant " + user.tenantSlug().value())));

        var provider = users.myIdentityProvider();
        if (provider.isPresent()) {
            // a managed user has no console password: say where their identity (and its password) lives instead
            add(new H3("Sign-in"));
            var source = new Paragraph("You sign in with " + provider.get() + ", which keeps your password and "
                    + "second factor: change them there. Your role follows the console's mapping rules for your "
                    + "groups at every sign-in; ask an operator if it is wrong.");
            source.setId("account-identity-source");
            add(source);
        } else {
            add(new H3("Password"));
            add(new PasswordChangeForm(users, "Current password",
                    () -> Notifications.success("Password changed. Use the new one the next time you sign in.")));
        }

        var security = new Div();
        security.setId(SECURITY_SECTION_ID);
        security.add(new H3("Security"));
        security.add(new Paragraph("How your account is protected when you sign in."));
        var twoFactor = new RouterLink("Two-factor sign-in", TwoFactorView.class);
        twoFactor.setId("account-two-factor");
        security.add(new Paragraph(twoFactor, new Span(": a code from an authenticator app after your password.")));
        add(security);
        add(new TokensPanel(tokens));
    }
}
