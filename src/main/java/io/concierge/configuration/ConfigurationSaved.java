package io.concierge.configuration;

import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

import java.time.Instant;

/**
 * A new configuration version was committed. Published in the saving transaction: the audit history records
 * it synchronously, publishing projects it to Redis after commit. {@code before} is null for the first
 * version; both are the whole area as JSON.
 */
public record ConfigurationSaved(TenantId tenant, TenantSlug slug, ConfigArea area, long version, String author,
                                 String comment, String before, String after, Long restoredFrom, Instant savedAt) {
}
