package io.concierge.publishing;

import java.time.Instant;

/**
 * Tenants whose saved changes are not in Redis yet: {@code overdue} of them changed before the threshold asked
 * for; {@code oldest} is the oldest such change, or null when nothing is pending.
 */
public record Backlog(long pending, long overdue, Instant oldest) {
}
