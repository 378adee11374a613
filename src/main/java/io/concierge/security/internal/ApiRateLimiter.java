package io.concierge.security.internal;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller (a token's id, or a signed-in user's name): {@code burst} calls at once, refilled at
 * {@code requestsPerMinute}. Kept in this console's memory: each node limits on its own, so N nodes behind a load
 * balancer allow up to N times the rate (see docs/decisions/2026-12-02-api-tokens-and-idempotency.md).
 */
@Component
class ApiRateLimiter {

    private final double capacity;
    private final double perNano;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    ApiRateLimiter(ApiProperties properties, Clock clock) {
        this.capacity = Math.max(1, properties.rateLimit().burst());
        this.perNano = Math.max(1, properties.rateLimit().requestsPerMinute()) / 60e9;
        this.clock = clock;
    }

    /** 0 when the call may go ahead, else the whole seconds until it may (for Retry-After). */
    long acquire(String caller) {
        var now = clock.millis() * 1_000_000L;
        if (buckets.size() > 100_000) {
            buckets.clear(); // bounded memory: a flood of made-up callers resets the buckets, never grows the heap
        }
        var bucket = buckets.computeIfAbsent(caller, c -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updated) * perNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9));
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
