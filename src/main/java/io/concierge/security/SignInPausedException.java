package io.concierge.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Instant;

/**
 * Sign-in refused because too many attempts failed: for this username from this address, for any username from
 * this address, or, under a wide attack, for every address that failed recently. Thrown after the password was
 * checked, and whether or not the username exists, so neither the time nor the words tell anything about it.
 */
public class SignInPausedException extends AuthenticationException {

    private final Instant until;

    public SignInPausedException(Instant until) {
        super("sign-in paused until " + until);
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
