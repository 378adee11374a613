package io.concierge.bulk;

import io.concierge.shared.TenantId;

/** What became of one row of a job; {@code tenant} is set once this job registered it. */
public record RowResult(int row, String slug, String displayName, String contactEmail, String firstAdmin,
                        String like, RowOutcome outcome, String message, TenantId tenant, int attempts) {
}
