package io.concierge.security;

import java.time.Instant;

/** Sign-in outcomes, recorded in the audit history. No secrets are carried. */
public final class LoginEvents {

    private LoginEvents() {
    }

    public record LoginSucceeded(String username, Role role, String clientAddress) {
    }

    public record LoginFailed(String username, String reason, String clientAddress) {
    }

    public record AccountLocked(String username, Instant until, String clientAddress) {
    }
}
