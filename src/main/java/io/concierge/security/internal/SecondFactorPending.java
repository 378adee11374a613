package io.concierge.security.internal;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.util.List;

/**
 * The password was right, the second factor is still to come. Until then the session counts as anonymous
 * everywhere (no role, no view but the sign-in pages), so nothing needs to know about half-signed-in users.
 */
final class SecondFactorPending extends AnonymousAuthenticationToken {

    private static final String KEY = SecondFactorPending.class.getName();

    private final String username;
    private final boolean enrolmentRequired;

    SecondFactorPending(String username, boolean enrolmentRequired, WebAuthenticationDetails details) {
        super(KEY, "pending:" + username, List.of(new SimpleGrantedAuthority("SECOND_FACTOR_PENDING")));
        this.username = username;
        this.enrolmentRequired = enrolmentRequired;
        setDetails(details);
    }

    String username() {
        return username;
    }

    /** A user whose role requires a second factor and who has none yet: enrolment comes first. */
    boolean enrolmentRequired() {
        return enrolmentRequired;
    }
}
