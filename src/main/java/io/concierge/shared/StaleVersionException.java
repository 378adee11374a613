package io.concierge.shared;

import java.time.Instant;

/**
 * A change was based on a version that is no longer current; nothing was written. Carries who saved since, when
 * and which version is current now (all null when the other save raced this one at commit time). The API answers
 * 412 with these.
 */
public class StaleVersionException extends RuntimeException {

    private final String savedBy;
    private final Instant savedAt;
    private final Long currentVersion;

    public StaleVersionException(String message, String savedBy, Instant savedAt, Long currentVersion) {
        super(message);
        this.savedBy = savedBy;
        this.savedAt = savedAt;
        this.currentVersion = currentVersion;
    }

    public String savedBy() {
        return savedBy;
    }

    public Instant savedAt() {
        return savedAt;
    }

    public Long currentVersion() {
        return currentVersion;
    }
}
