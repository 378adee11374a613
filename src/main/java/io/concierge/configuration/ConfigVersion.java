package io.concierge.configuration;

import io.concierge.shared.TenantId;

import java.time.Instant;

/**
 * One immutable version of a tenant's configuration area. {@code content} is the whole area as JSON;
 * {@code restoredFrom} names the version whose content a restore copied, if any.
 */
public record ConfigVersion(TenantId tenant, ConfigArea area, long version, String content, String author,
                            String comment, Instant createdAt, Long restoredFrom) {
}
