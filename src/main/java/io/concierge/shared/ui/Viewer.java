package io.concierge.shared.ui;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The user a view was opened by. Push updates run on background threads, which carry no user, so the reads
 * they make for the view run as this one: the service checks then apply to the right person. Create it while the
 * view is built (on the request thread of the user who opened it).
 */
public final class Viewer {

    private final SecurityContext context = SecurityContextHolder.getContext();

    public void run(Runnable work) {
        var previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
