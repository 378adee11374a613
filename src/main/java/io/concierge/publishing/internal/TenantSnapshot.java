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
                             Map<ConfigArea, Long> versions, String catalogVersion, CacheContent content,
                             String checksum) {

    public TenantSnapshot {
        versions = Map.copyOf(versions);
    }

    /** Computes the checksum once: it is written to Redis and to the ledger, and compared when reconciling. */
    public static TenantSnapshot of(TenantId tenant, TenantSlug slug, long sequence, TenantStatus status,
                                    Map<ConfigArea, Long> versions, String catalogVersion, CacheContent content) {
        return new TenantSnapshot(tenant, slug, sequence, status, versions, catalogVersion, content, content.checksum());
    }

    public TenantKeys keys() {
        return new TenantKeys(slug);
    }

    public long version(ConfigArea area) {
        return versions.getOrDefault(area, 0L);
    }
}
