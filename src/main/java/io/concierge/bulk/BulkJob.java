package io.concierge.bulk;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A bulk onboarding job as views and the API show it: who started it, when, and how many rows stand where. */
public record BulkJob(UUID id, String fileName, String createdBy, Instant createdAt, boolean finished,
                      Instant finishedAt, int rows, Map<RowOutcome, Integer> counts) {

    public int count(RowOutcome outcome) {
        return counts.getOrDefault(outcome, 0);
    }

    /** Rows that reached a result (created, existed or failed). */
    public int done() {
        return count(RowOutcome.CREATED) + count(RowOutcome.EXISTED) + count(RowOutcome.FAILED);
    }
}
