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
 * The signed-in user's own account: who they are, their password, and a "Security" section where further
 * sign-in protection (two-factor, at {@code account/two-factor}) is linked from, and their API tokens.
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

        add(new H3("Password"));
        add(new PasswordChangeForm(users, "Current password",
                () -> Notifications.success("Password changed. Use the new one the next time you sign in.")));

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
