package io.concierge.publishing;

import io.concierge.configuration.ConfigArea;

import java.time.Instant;

/**
 * One configuration area of a tenant: the newest saved version and the newest version the platform's cache
 * holds (0: none). {@code error} is the tenant's last publication failure while this area is behind.
 */
public record AreaPublication(ConfigArea area, long savedVersion, long publishedVersion, Instant publishedAt,
                              String error) {

    public boolean upToDate() {
        return publishedVersion >= savedVersion;
    }
}
