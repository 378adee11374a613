package io.concierge.security;

import java.time.Instant;

/** Sign-in outcomes, recorded in the audit history. No secrets are carried. */
public final class LoginEvents {

    private LoginEvents() {
    }

    public record LoginSucceeded(String username, Role role, String clientAddress) {
    }

    /**
     * A failed sign-in. {@code username} is what was typed (cut to 64 characters), unverified; {@code
     * failuresInWindow} counts this username's failures from this address in the current window, 1 for the first.
     */
    public record LoginFailed(String username, String reason, String clientAddress, int failuresInWindow) {
    }

    /**
     * Sign-in paused after {@code failures} failures: for the (unverified) {@code username} from {@code
     * clientAddress}, or, when {@code username} is null, for every username from that address.
     */
    public record SignInPaused(String username, String clientAddress, Instant until, int failures) {
    }
}
