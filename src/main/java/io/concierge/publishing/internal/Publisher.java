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
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

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

    /**
     * Publishes {@code state}, or when it is null the tenant's current state, read first; returns false (failure
     * recorded) when it could not.
     */
    public boolean publish(TenantId tenant, TenantSnapshot state) {
        try {
            publishOrThrow(state == null ? snapshotOrRecord(tenant) : state, PermissionCache.Mode.NORMAL);
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
            var outcome = write(snapshot, mode, now);
            if (!outcome.written()) {
                outcome = verifyRefusal(snapshot, outcome, now);
            }
            // refused as stale or duplicate, and verified: Redis holds this state or a newer one the database
            // issued (whose own publication is verified in turn), so this sequence is delivered
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

    /**
     * Writes the snapshot; a key of the wrong type (someone SET a string where the contract has a set) makes the
     * script refuse a normal publication, and the platform's reads of that key fail meanwhile, so it is repaired
     * at once: the tenant's keys are rewritten whole and role keys its roles set does not list are deleted.
     */
    private PermissionCache.Outcome write(TenantSnapshot snapshot, PermissionCache.Mode mode, Instant now) {
        try {
            return cache.publish(snapshot, mode, now);
        } catch (RuntimeException e) {
            if (mode != PermissionCache.Mode.NORMAL || !describe(e).startsWith("WRONGTYPE")) {
                throw e;
            }
            log.warn("Cache of tenant {} holds keys of the wrong type ({}); rewriting the tenant", snapshot.slug(),
                    describe(e));
            return rewrite(snapshot, PermissionCache.Mode.REPAIR, now);
        }
    }

    /** Rewrites every key of the tenant and deletes its role keys that the new roles set does not list. */
    private PermissionCache.Outcome rewrite(TenantSnapshot snapshot, PermissionCache.Mode mode, Instant now) {
        var found = cache.roleKeysPresent(snapshot.slug()).getOrDefault(snapshot.slug().value(), Set.of());
        var outcome = cache.publish(snapshot, mode, now);
        var strays = new HashSet<>(found);
        strays.removeAll(snapshot.content().roles().keySet());
        if (outcome.written() && !strays.isEmpty()) {
            cache.deleteStrayRoles(snapshot.slug(), strays);
        }
        return outcome;
    }

    /**
     * The script refused the snapshot because Redis holds its sequence or a higher one. That counts as delivered
     * only if it is true: a sequence the database never issued was written by someone else and is overwritten;
     * this very sequence must come with this very content, or it is rewritten. A higher sequence the database did
     * issue belongs to a newer change, whose own publication comes next and is checked the same way.
     */
    private PermissionCache.Outcome verifyRefusal(TenantSnapshot snapshot, PermissionCache.Outcome refused,
                                                  Instant now) {
        var issued = ledger.sequence(snapshot.tenant().value()).orElse(snapshot.sequence());
        if (refused.heldSequence() > issued) {
            log.warn("Redis holds sequence {} for tenant {}, which the console never issued (newest {}); rewriting",
                    refused.heldSequence(), snapshot.slug(), issued);
            return rewrite(snapshot, PermissionCache.Mode.RESET, now);
        }
        if (refused.heldSequence() == snapshot.sequence()) {
            var cached = cache.read(snapshot.slug());
            var expected = snapshot.checksum();
            if (!cached.wrongTypes().isEmpty() || !expected.equals(cached.meta().get("checksum"))
                    || !expected.equals(cached.content().checksum())) {
                log.warn("Redis holds sequence {} of tenant {} with other content; rewriting", refused.heldSequence(),
                        snapshot.slug());
                return rewrite(snapshot, PermissionCache.Mode.REPAIR, now);
            }
        }
        return refused;
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
