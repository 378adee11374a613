package io.concierge.security;

import io.concierge.security.IdentityEvents.SessionsEnded;
import io.concierge.security.internal.SessionTracker;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.util.List;

/** Console sessions: who is signed in, and "sign out everywhere". */
@Service
public class SessionService {

    private final SessionTracker sessions;
    private final TenantAccess access;
    private final ApplicationEventPublisher events;

    SessionService(SessionTracker sessions, TenantAccess access, ApplicationEventPublisher events) {
        this.sessions = sessions;
        this.access = access;
        this.events = events;
    }

    /** Ends every session of the user (operators: anyone's; everyone: their own); returns how many. */
    public int signOutEverywhere(String username) {
        if (!username.equals(access.actorName())) {
            access.requireOperator("sign another user out");
        }
        var ended = sessions.expireAll(username);
        events.publishEvent(new SessionsEnded(access.actorName(), username, ended, "signed out everywhere"));
        return ended;
    }

    /** The live sessions of a user, as the console sees each: same role and tenant whatever the sign-in. */
    public List<CurrentUser> signedIn(String username) {
        access.requireReadAll("list a user's sessions");
        return sessions.signedIn(username);
    }
}
