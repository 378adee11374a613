package io.concierge.publishing;

import java.time.Instant;

/**
 * Every tenant being published again because Redis lost, or may have lost, what it held: {@code reason} says what
 * was seen (a server without the console's marker key, or a new run id), {@code since} when. Until it is done the
 * platform may refuse tenants that Redis no longer holds, so health reports DEGRADED.
 */
public record CacheRecovery(String reason, Instant since) {
}
