package io.concierge.changes;

import java.time.Instant;

/** One step in a request's life: proposed, approved, revised, applied, ... */
public record TimelineEntry(Instant at, String actor, String kind, String detail) {
}
