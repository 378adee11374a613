package io.concierge.tenant;

import io.concierge.shared.SchemaName;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

import java.time.Instant;

/** A tenant as other modules and views see it. */
public record TenantSummary(TenantId id, TenantSlug slug, String displayName, String contactEmail,
                            TenantStatus status, String statusReason, String changelogVersion, Instant createdAt,
                            Instant updatedAt) {

    public SchemaName schema() {
        return slug.schema();
    }
}
