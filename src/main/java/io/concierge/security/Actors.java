package io.concierge.security;

import io.concierge.security.internal.ConsoleUserDetails;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.function.Supplier;

/**
 * Runs work as a given actor. Background work (provisioning, publishing, demo seeding) runs as
 * {@link CurrentUser#SYSTEM}; with no actor at all, every check refuses.
 */
public final class Actors {

    private Actors() {
    }

    public static Authentication authentication(CurrentUser user) {
        var details = new ConsoleUserDetails(user, "", true);
        return UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities());
    }

    public static <T> T callAs(CurrentUser user, Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication(user));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void runAs(CurrentUser user, Runnable work) {
        callAs(user, () -> {
            work.run();
            return null;
        });
    }

    public static void runAsSystem(Runnable work) {
        runAs(CurrentUser.SYSTEM, work);
    }
}
