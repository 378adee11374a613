package io.concierge.changes;

import java.time.Instant;

/**
 * One approval. It names the content checksum and base version that were approved; {@code valid} says whether they
 * are still the request's (a revision or a re-base voids it).
 */
public record Approval(String approver, String approverRole, String contentChecksum, long baseVersion,
                       String comment, Instant approvedAt, boolean valid) {
}
