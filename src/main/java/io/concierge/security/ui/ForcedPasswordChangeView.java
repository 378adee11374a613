package io.concierge.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.concierge.security.ConsoleUserService;
import io.concierge.shared.ui.Notifications;
import jakarta.annotation.security.PermitAll;

/**
 * Where a user who signed in with a generated password lands, and the only page they can reach until they
 * have chosen their own (see {@link PasswordChangeGuard}). No menu: there is nowhere else to go yet.
 */
@Route(value = ForcedPasswordChangeView.ROUTE, autoLayout = false)
@PageTitle("Choose your password · Concierge")
@PermitAll
class ForcedPasswordChangeView extends VerticalLayout {

    static final String ROUTE = "account/choose-password";

    ForcedPasswordChangeView(ConsoleUserService users, AuthenticationContext authentication) {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        var form = new PasswordChangeForm(users, "One-time password", () -> {
            Notifications.success("Password changed. Welcome to Concierge.");
            getUI().ifPresent(ui -> ui.navigate(""));
        });
        form.setWidth("28rem");
        var signOut = new Button("Sign out", e -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(new H1("Choose your own password"),
                new Paragraph("You signed in with a one-time password. Choose your own before you continue."),
                form, signOut);
    }
}
