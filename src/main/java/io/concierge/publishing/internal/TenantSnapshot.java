package io.concierge.publishing.internal;

import io.concierge.configuration.ConfigArea;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantStatus;

import java.util.Map;

/**
 * A tenant's whole publishable state, read from the database in one snapshot together with the publication
 * sequence it corresponds to. {@code versions} holds the current version of every area (0: never saved);
 * {@code roleDigests} each role's {@link CacheContent#roleDigest}, by role.
 */
public record TenantSnapshot(TenantId tenant, TenantSlug slug, long sequence, TenantStatus status,
                             Map<ConfigArea, Long> versions, String catalogVersion, CacheContent content,
                             String checksum, Map<String, String> roleDigests) {

    /** {@code checksum} and {@code roleDigests} must be those of {@code content}; {@link SnapshotReader} caches them. */
    public TenantSnapshot {
        versions = Map.copyOf(versions);
        if (!roleDigests.keySet().equals(content.roles().keySet())) {
            throw new IllegalArgumentException("role digests of " + roleDigests.keySet() + " for roles "
                    + content.roles().keySet());
        }
    }

    /** Computes the checksum and the role digests: for callers that hold no prepared content. */
    public static TenantSnapshot of(TenantId tenant, TenantSlug slug, long sequence, TenantStatus status,
                                    Map<ConfigArea, Long> versions, String catalogVersion, CacheContent content) {
        return new TenantSnapshot(tenant, slug, sequence, status, versions, catalogVersion, content, content.checksum(),
                content.roleDigests());
    }

    public TenantKeys keys() {
        return new TenantKeys(slug);
    }

    public long version(ConfigArea area) {
        return versions.getOrDefault(area, 0L);
    }
}
