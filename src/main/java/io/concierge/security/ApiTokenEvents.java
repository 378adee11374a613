package io.concierge.security;

import io.concierge.shared.TenantId;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** API tokens and service accounts, recorded in the audit history. No secret is ever carried. */
public final class ApiTokenEvents {

    private ApiTokenEvents() {
    }

    /** A token was issued to {@code owner} (a console user, or {@code service:<name>}). */
    public record TokenIssued(String actor, UUID token, String name, String owner, Role role, TenantId tenant,
                              Instant expiresAt) {
    }

    /** A token stops working: revoked by {@code actor}, or (rotation) cut short to {@code until}. */
    public record TokenRevoked(String actor, UUID token, String name, String owner, Role role, TenantId tenant,
                               String reason) {
    }

    /** An operator created or deactivated a service account. */
    public record ServiceAccountChanged(String actor, String name, Role role, TenantId tenant, boolean created) {
    }

    /**
     * A token that matched but no longer works (revoked, expired, its owner deactivated) was presented from
     * {@code clientAddress}; reported once per token, reason and window, never with the secret.
     */
    public record TokenRefused(UUID token, String name, String owner, Role role, TenantId tenant, String reason,
                               String clientAddress, Duration window) {
    }

    /** One API call made with a token: which token, whose, what was asked and how it was answered. */
    public record ApiCalled(UUID token, String owner, Role role, TenantId tenant, String method, String path,
                            int status, String clientAddress) {
    }
}
