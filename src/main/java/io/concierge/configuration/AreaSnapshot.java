package io.concierge.configuration;

import io.concierge.tenant.TenantSummary;

/**
 * What an editor opens on: the tenant, the area's content, the version it is (null when nothing was saved yet
 * and {@code content} is the area's starting point) and whether the user may change it. An API answers the
 * same: the content, {@link #versionNumber()} as the ETag, and {@link #editability()}.
 */
public record AreaSnapshot<T>(TenantSummary tenant, ConfigArea area, T content, ConfigVersion version,
                              Editability editability) {

    /** The version an edit of this snapshot is based on: what a save passes as its expected version. */
    public long versionNumber() {
        return version == null ? 0 : version.version();
    }

    public boolean saved() {
        return version != null;
    }
}
