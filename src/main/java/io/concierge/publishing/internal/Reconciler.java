package io.concierge.publishing.internal;

import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Compares one tenant's cache with its state in the database and rewrites it when they differ: a missing or
 * tampered key, a wrongly typed key, a role key nobody published, or a cache behind the database.
 */
@Component
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final Publisher publisher;
    private final PermissionCache cache;
    private final Counter driftFound;
    private final Counter driftRepaired;

    Reconciler(Publisher publisher, PermissionCache cache, MeterRegistry meters) {
        this.publisher = publisher;
        this.cache = cache;
        // found without repaired means repairs fail: worth an alert, as is any steady stream of drift
        this.driftFound = meters.counter("concierge.reconcile.drift", "result", "found");
        this.driftRepaired = meters.counter("concierge.reconcile.drift", "result", "repaired");
    }

    public enum Result { IN_SYNC, REPAIRED }

    /**
     * @param rolesPresent role keys found in Redis per slug (from one scan), or null to scan for this tenant
     */
    public Result reconcile(TenantId tenant, Map<String, Set<String>> rolesPresent) {
        var snapshot = publisher.snapshotOrRecord(tenant);
        var slug = snapshot.slug();
        var cached = cache.read(slug);
        if (cached.sequence() > snapshot.sequence()) {
            // a newer change may have been published since our snapshot: look again before judging
            snapshot = publisher.snapshotOrRecord(tenant);
        }
        var present = rolesPresent == null ? cache.roleKeysPresent(slug) : rolesPresent;
        var found = present.getOrDefault(slug.value(), Set.of());
        var strays = new HashSet<>(found);
        strays.removeAll(cached.content().roles().keySet());
        var expected = snapshot.checksum();
        var inSync = cached.wrongTypes().isEmpty() && strays.isEmpty()
                && cached.sequence() == snapshot.sequence()
                && expected.equals(cached.meta().get("checksum"))
                && expected.equals(cached.content().checksum());
        if (inSync) {
            return Result.IN_SYNC;
        }
        driftFound.increment();
        log.info("Cache of tenant {} drifted (sequence {} in Redis, {} in the database{}{}); repairing", slug,
                cached.sequence(), snapshot.sequence(), cached.wrongTypes().isEmpty() ? "" : ", wrong types " + cached.wrongTypes(),
                strays.isEmpty() ? "" : ", stray roles " + strays);
        // Redis holding a sequence the database never issued can only be tampering: overwrite it regardless
        var mode = cached.sequence() > snapshot.sequence() ? PermissionCache.Mode.RESET : PermissionCache.Mode.REPAIR;
        publisher.publishOrThrow(snapshot, mode);
        var unpublished = new HashSet<>(found);
        unpublished.removeAll(snapshot.content().roles().keySet());
        deleteStrays(slug, unpublished);
        driftRepaired.increment();
        return Result.REPAIRED;
    }

    private void deleteStrays(TenantSlug slug, Set<String> strays) {
        if (!strays.isEmpty()) {
            cache.deleteStrayRoles(slug, strays);
        }
    }
}
