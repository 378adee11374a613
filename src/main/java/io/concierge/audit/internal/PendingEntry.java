package io.concierge.audit.internal;

import io.concierge.audit.AuditAction;
import io.concierge.audit.AuditArea;
import io.concierge.shared.TenantId;

/** An entry about to be appended: everything but its id, time and hashes, which the writer assigns. */
record PendingEntry(String actor, String actorRole, TenantId tenant, String tenantSlug, AuditArea area,
                    AuditAction action, String target, String detail, String before, String after,
                    String clientAddress, Long producedVersion) {
}
