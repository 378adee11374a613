package io.concierge.provisioning.ui;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The user a view was opened by. Push updates run on background threads, which carry no user, so the reads
 * they make for the view run as this one: the service checks then apply to the right person.
 */
final class Viewer {

    private final SecurityContext context = SecurityContextHolder.getContext();

    void run(Runnable work) {
        var previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
