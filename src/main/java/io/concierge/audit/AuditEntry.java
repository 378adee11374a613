package io.concierge.audit;

import io.concierge.shared.TenantId;

import java.time.Instant;

/**
 * One entry of the history as lists show it (without the before/after content; see {@link AuditEntryDetails}).
 * {@code actorRole} is null for sign-in attempts with an unknown user; {@code tenant} is null for entries not
 * about one tenant; {@code producedVersion} is the configuration version a save produced.
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String actorRole, TenantId tenant,
                         String tenantSlug, AuditArea area, AuditAction action, String target, String detail,
                         String clientAddress, Long producedVersion, String prevHash, String hash) {
}
