package io.concierge.security;

import io.concierge.shared.TenantId;

import java.time.Instant;

/**
 * A console user as views see it: never the password hash. {@code locked}: sign-in is paused for this username
 * from at least one client address after failed attempts (the name predates the wording: no account is ever locked for everyone).
 * {@code managedBy} names the single sign-on provider whose mapping decides the role (null for a local account).
 */
public record ConsoleUserSummary(String username, Role role, TenantId tenant, String tenantSlug, boolean active,
                                 boolean locked, Instant lastLoginAt, Instant createdAt, String managedBy,
                                 boolean secondFactor) {
}
