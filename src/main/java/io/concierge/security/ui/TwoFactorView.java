package io.concierge.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.concierge.security.SessionService;
import io.concierge.security.TenantAccess;
import io.concierge.security.TwoFactorService;
import io.concierge.shared.ui.Notifications;
import io.concierge.shared.ui.Times;
import jakarta.annotation.security.PermitAll;

/** The signed-in user's own second factor: set it up, renew recovery codes, and sign out everywhere. */
@Route("account/two-factor")
@PageTitle("Two-factor sign-in · Concierge")
@PermitAll
class TwoFactorView extends VerticalLayout {

    private final TwoFactorService factors;
    private final SessionService sessions;
    private final TenantAccess access;

    TwoFactorView(TwoFactorService factors, SessionService sessions, TenantAccess access) {
        this.factors = factors;
        this.sessions = sessions;
        this.access = access;
        show();
    }

    private void show() {
        removeAll();
        add(new H2("Two-factor sign-in"));
        var status = factors.myStatus();
        if (status.managed()) {
            add(new Paragraph("You sign in through your identity provider, which handles your second factor."));
        } else if (status.enrolled()) {
            add(new Paragraph("Two-factor sign-in is on since " + Times.format(status.enrolledAt())
                    + ". You have " + status.recoveryCodesLeft() + " unused recovery code"
                    + (status.recoveryCodesLeft() == 1 ? "" : "s") + "."));
            add(new Button("New recovery codes", e -> {
                var list = new UnorderedList();
                list.addClassName("recovery-codes");
                factors.renewRecoveryCodes().forEach(c -> list.add(new ListItem(c)));
                show();
                add(new Paragraph("Your old recovery codes no longer work. Save these; they are shown only now."), list);
            }));
        } else {
            add(new Paragraph("Two-factor sign-in is off. " + (status.required()
                    ? "Your role requires it: you will be asked to set it up at your next sign-in."
                    : "Turn it on so that a stolen password alone cannot open your account.")));
            add(new Button("Set up two-factor sign-in", e -> {
                removeAll();
                add(new H2("Set up two-factor sign-in"), new EnrolmentPanel(factors.start(), factors::confirm, this::show));
            }));
        }
        add(new H2("Sessions"), new Button("Sign out everywhere", e -> {
            sessions.signOutEverywhere(access.actorName());
            Notifications.success("Every session of yours has been ended.");
        }));
    }
}
