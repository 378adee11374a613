package io.concierge.publishing.internal;

import io.concierge.configuration.ConfigArea;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantStatus;

import java.util.Map;

/**
 * A tenant's whole publishable state, read from the database in one snapshot together with the publication
 * sequence it corresponds to. {@code versions} holds the current version of every area (0: never saved).
 */
public record TenantSnapshot(TenantId tenant, TenantSlug slug, long sequence, TenantStatus status,
                             Map<ConfigArea, Long> versions, String catalogVersion, CacheContent content) {

    public TenantSnapshot {
        versions = Map.copyOf(versions);
    }

    public TenantKeys keys() {
        return new TenantKeys(slug);
    }

    public long version(ConfigArea area) {
        return versions.getOrDefault(area, 0L);
    }
}
