package io.concierge.security;

import java.time.Instant;
import java.util.UUID;

/**
 * An API token as its owner and operators see it: never its secret. {@code hint} is the token's public beginning
 * ({@code cnc_pat_AbC123xyz789}), enough to recognise it in a log or a secret scanner's report. {@code owner} is
 * the console user of a personal token, or {@code service:<name>} for a service account's.
 */
public record ApiTokenSummary(UUID id, String name, String hint, String owner, Instant createdAt, Instant expiresAt,
                              Instant lastUsedAt, String lastUsedAddress, Instant revokedAt, Status status) {

    public enum Status {
        ACTIVE, EXPIRED, REVOKED;

        public String label() {
            return switch (this) {
                case ACTIVE -> "Active";
                case EXPIRED -> "Expired";
                case REVOKED -> "Revoked";
            };
        }
    }
}
