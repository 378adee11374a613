package io.concierge.security;

import io.concierge.shared.TenantId;

import java.time.Instant;

/** A console user as views see it: never the password hash. */
public record ConsoleUserSummary(String username, Role role, TenantId tenant, String tenantSlug, boolean active,
                                 boolean locked, Instant lastLoginAt, Instant createdAt) {
}
