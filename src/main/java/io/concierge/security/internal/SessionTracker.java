package io.concierge.security.internal;

import io.concierge.security.CurrentUser;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Every console session, whoever it belongs to and however they signed in. An expired session is ended on its
 * next request (Spring Security's concurrent-session filter), so ending a user's sessions works across nodes
 * only with sticky sessions; see docs/decisions/2026-12-01-identity.md.
 */
@Component
public class SessionTracker {

    private final SessionRegistry registry;

    SessionTracker(SessionRegistry registry) {
        this.registry = registry;
    }

    /** Ends every live session of the user; returns how many there were. */
    public int expireAll(String username) {
        var sessions = sessionsOf(username);
        sessions.forEach(SessionInformation::expireNow);
        return sessions.size();
    }

    /** Who is signed in under that name right now, as the console sees them (role and tenant). */
    public List<CurrentUser> signedIn(String username) {
        return registry.getAllPrincipals().stream()
                .filter(p -> p instanceof ConsolePrincipal c && c.user().username().equals(username))
                .filter(p -> !registry.getAllSessions(p, false).isEmpty())
                .map(p -> ((ConsolePrincipal) p).user())
                .toList();
    }

    void register(String sessionId, Object principal) {
        registry.registerNewSession(sessionId, principal);
    }

    private List<SessionInformation> sessionsOf(String username) {
        return registry.getAllPrincipals().stream()
                .filter(p -> p instanceof ConsolePrincipal c ? c.user().username().equals(username)
                        : ("pending:" + username).equals(String.valueOf(p)))
                .flatMap(p -> registry.getAllSessions(p, false).stream())
                .toList();
    }
}
