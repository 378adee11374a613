package io.concierge.publishing;

import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantStatus;

import java.time.Instant;
import java.util.List;

/**
 * Where a tenant's publication stands. {@code sequence} counts the changes to publish (configuration saves and
 * status changes); {@code publishedSequence} is the newest one the cache holds. While behind, {@code attempts},
 * {@code lastError} and {@code nextAttemptAt} say why and when the next try is.
 */
public record PublicationStatus(TenantId tenant, TenantSlug slug, TenantStatus status, String publishedStatus,
                                long sequence, long publishedSequence, Instant publishedAt, int attempts,
                                String lastError, Instant nextAttemptAt, List<AreaPublication> areas) {

    /** Every saved change, including the tenant's status, is in the cache. */
    public boolean upToDate() {
        return publishedSequence >= sequence && areas.stream().allMatch(AreaPublication::upToDate);
    }

    public boolean failing() {
        return !upToDate() && lastError != null;
    }
}
