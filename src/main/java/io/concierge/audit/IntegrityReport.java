package io.concierge.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of recomputing the keyed hash chain and comparing it with the signed checkpoints kept outside the
 * database: how many entries and checkpoints were checked, the first broken entry, and a warning when part of
 * the check could not be made (no checkpoints to compare with).
 */
public record IntegrityReport(long checked, long checkpoints, Optional<String> warning, Optional<BrokenEntry> broken) {

    public boolean intact() {
        return broken.isEmpty();
    }

    /**
     * The first entry whose content, link or checkpoint does not match, or the last entry left when entries
     * after it are missing; {@code reason} says which.
     */
    public record BrokenEntry(long id, Instant occurredAt, String action, String target, String reason) {
    }
}
