package io.concierge.audit;

import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
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

    /**
     * The actor's role as lists show it: "Console" for the console's own actions (recorded with the operator role
     * it acts with), nothing for an unknown user.
     */
    public String actorRoleLabel() {
        if (CurrentUser.isSystem(actor)) {
            return "Console";
        }
        return actorRole == null ? "" : Role.valueOf(actorRole).label();
    }
}
