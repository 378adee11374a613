package io.concierge.audit;

import java.time.Instant;
import java.util.Optional;

/** The outcome of recomputing the hash chain: how many entries were checked and the first broken one. */
public record IntegrityReport(long checked, Optional<BrokenEntry> broken) {

    public boolean intact() {
        return broken.isEmpty();
    }

    /** The first entry whose content or link does not match; {@code reason} says which. */
    public record BrokenEntry(long id, Instant occurredAt, String action, String target, String reason) {
    }
}
