package io.concierge.publishing.internal;

import io.concierge.shared.TenantId;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Publishes one tenant: reads its whole current state from the database, writes it with the publish script and
 * records the outcome (success, or the failure with its back-off). Failures are recorded, never thrown to the
 * caller that only wanted the tenant published; {@link #publishOrThrow} is for callers that report them.
 */
@Component
public class Publisher {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    private final SnapshotReader snapshots;
    private final PermissionCache cache;
    private final PublicationLedger ledger;
    private final PublishingProperties properties;
    private final Clock clock;
    private final ObservationRegistry observations;
    /** Set by a connection failure, cleared by a successful ping: spares every queued tenant a 2 s timeout. */
    private volatile boolean redisDown;

    Publisher(SnapshotReader snapshots, PermissionCache cache, PublicationLedger ledger, PublishingProperties properties,
              Clock clock, ObservationRegistry observations) {
        this.observations = observations;
        this.snapshots = snapshots;
        this.cache = cache;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /** Publishes the tenant's current state; returns false (failure recorded) when it could not. */
    public boolean publish(TenantId tenant) {
        try {
            publishOrThrow(tenant, PermissionCache.Mode.NORMAL);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Publishes the tenant's current state in the given mode; records and rethrows a failure. */
    public PermissionCache.Outcome publishOrThrow(TenantId tenant, PermissionCache.Mode mode) {
        return publishOrThrow(snapshotOrRecord(tenant), mode);
    }

    public TenantSnapshot snapshotOrRecord(TenantId tenant) {
        try {
            return snapshots.read(tenant);
        } catch (PublicationException e) {
            recordFailure(tenant, e.getMessage());
            throw e;
        }
    }

    /**
     * Observed as {@code concierge.publish} (mode; outcome written, refused — Redis already holds this state or a
     * newer one — or failure; the tenant and the number of role sets rewritten on the span), with the tenant in the
     * logging context.
     */
    public PermissionCache.Outcome publishOrThrow(TenantSnapshot snapshot, PermissionCache.Mode mode) {
        var slug = snapshot.slug().value();
        var observation = Observation.createNotStarted("concierge.publish", observations)
                .lowCardinalityKeyValue("mode", mode.name().toLowerCase())
                .lowCardinalityKeyValue("outcome", "failure")
                .highCardinalityKeyValue("tenant", slug);
        MDC.put("tenant", slug);
        try {
            return observation.observe(() -> {
                var outcome = publishNow(snapshot, mode);
                observation.lowCardinalityKeyValue("outcome", outcome.written() ? "written" : "refused");
                observation.highCardinalityKeyValue("roles_written", Integer.toString(outcome.rolesWritten()));
                return outcome;
            });
        } finally {
            MDC.remove("tenant");
        }
    }

    private PermissionCache.Outcome publishNow(TenantSnapshot snapshot, PermissionCache.Mode mode) {
        var tenant = snapshot.tenant();
        try {
            if (redisDown && mode == PermissionCache.Mode.NORMAL) {
                throw new RedisConnectionFailureException("Redis is unreachable (waiting for it to answer a ping)");
            }
            var now = clock.instant();
            var outcome = cache.publish(snapshot, mode, now);
            // refused as stale or duplicate: Redis holds this state or a newer one, so this sequence is delivered
            ledger.markPublished(tenant.value(), snapshot.sequence(), snapshot.status().name(),
                    snapshot.checksum(), snapshot.versions(), now);
            return outcome;
        } catch (RedisConnectionFailureException | QueryTimeoutException e) {
            redisDown = true;
            recordFailure(tenant, "Redis unavailable: " + describe(e));
            throw e;
        } catch (RuntimeException e) {
            recordFailure(tenant, describe(e));
            throw e;
        }
    }

    private void recordFailure(TenantId tenant, String reason) {
        log.warn("Publishing tenant {} failed: {}", tenant, reason);
        try {
            ledger.markFailed(tenant.value(), reason, clock.instant(), properties.backoffMin(), properties.backoffMax());
        } catch (RuntimeException e) {
            // the database is unreachable too: the tenant stays behind there, so the retry loop finds it later
            log.error("Could not record the failed publication of tenant {}", tenant, e);
        }
    }

    public boolean redisDown() {
        return redisDown;
    }

    /** Asks Redis whether it is back; true when it answers. */
    public boolean probe() {
        try {
            cache.ping();
            redisDown = false;
            return true;
        } catch (RuntimeException e) {
            redisDown = true;
            return false;
        }
    }

    /** The innermost message of a failure: what an operator needs to read. */
    public static String describe(Throwable e) {
        var root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        var message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // the script's own refusal is the useful part; Lua adds "ERR user_script:.." noise around it
        return message.replaceFirst("^ERR ", "");
    }
}
