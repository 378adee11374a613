package io.concierge.security.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import io.concierge.security.ConsoleUserService;
import org.springframework.stereotype.Component;

/**
 * Keeps a user who holds a generated password on {@link ForcedPasswordChangeView} until they have chosen
 * their own: every navigation, typed address or link, is sent there. Once the password is their own the
 * session remembers it, so later navigations cost no query.
 */
@Component
class PasswordChangeGuard implements VaadinServiceInitListener {

    private static final String CLEARED = PasswordChangeGuard.class.getName() + ".cleared";

    private final ConsoleUserService users;

    PasswordChangeGuard(ConsoleUserService users) {
        this.users = users;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(this::check));
    }

    private void check(BeforeEnterEvent event) {
        var session = VaadinSession.getCurrent();
        if (session == null || Boolean.TRUE.equals(session.getAttribute(CLEARED))
                || event.getNavigationTarget() == ForcedPasswordChangeView.class
                || event.getNavigationTarget() == LoginView.class) {
            return;
        }
        if (users.mustChangePassword()) {
            event.rerouteTo(ForcedPasswordChangeView.class);
        } else if (users.signedIn()) {
            session.setAttribute(CLEARED, true);
        }
    }
}
