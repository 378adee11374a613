package io.concierge.publishing.internal;

import io.concierge.publishing.CacheRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Notices a Redis that lost what the console wrote and has every tenant published again at once, instead of
 * leaving idle tenants missing until the next reconciliation. Two signs, read on every tick of the retry loop
 * (one INFO and one EXISTS per server): the console's marker key missing on a server (it restarted without
 * persistence, or was flushed: the whole cache is rewritten) and a server's run id changed while the marker
 * survived (it restarted from a snapshot that may be older than the last writes: every tenant is compared and
 * the drifted ones rewritten). The marker is written before that pass, so a flush during it is seen on the next
 * tick; the pass counts as done only if Redis stayed reachable through it.
 */
@Component
public class RedisWatch {

    /** What a recovery does: rewrite every tenant, or compare every tenant and rewrite those that drifted. */
    public enum Pass { REBUILD, RECONCILE }

    private static final Logger log = LoggerFactory.getLogger(RedisWatch.class);

    private final PermissionCache cache;
    private final Publisher publisher;
    private final Clock clock;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();
    /** Run id last seen per server; only the loop thread touches it. */
    private final Map<String, String> runIds = new HashMap<>();
    private volatile CacheRecovery pending;
    private volatile Pass pass;
    private Consumer<Pass> runner = p -> { };

    RedisWatch(PermissionCache cache, Publisher publisher, Clock clock) {
        this.cache = cache;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** How a pass is run: by the service, which owns rebuild and reconciliation. */
    public void runPassesWith(Consumer<Pass> runner) {
        this.runner = runner;
    }

    /** The recovery under way or still due, if any. */
    public Optional<CacheRecovery> pending() {
        return Optional.ofNullable(pending);
    }

    /** Called by the retry loop while Redis answers. */
    void check() {
        try {
            for (var server : cache.servers()) {
                var before = runIds.put(server.node(), server.runId());
                if (!server.marked()) {
                    due(Pass.REBUILD, "Redis " + server.node() + " holds no marker key: it restarted empty or was flushed");
                } else if (before != null && !before.equals(server.runId())) {
                    due(Pass.RECONCILE, "Redis " + server.node() + " restarted (run id " + server.runId() + ")");
                }
            }
            var recovery = pending;
            if (recovery == null) {
                return;
            }
            var what = pass;
            log.warn("{}; publishing every tenant again ({})", recovery.reason(), what.name().toLowerCase());
            cache.mark("written " + clock.instant() + " by " + instance);
            runner.accept(what);
            if (!publisher.redisDown()) {
                log.info("Every tenant is in Redis again ({} since {})", what.name().toLowerCase(), recovery.since());
                pending = null;
                pass = null;
            }
        } catch (RuntimeException e) {
            // most likely Redis went away between the loop's probe and here: the probe notes it for the next tick
            log.debug("Checking Redis for a restart or flush failed", e);
            publisher.probe();
        }
    }

    private void due(Pass wanted, String reason) {
        if (pending == null) {
            pass = wanted;
            pending = new CacheRecovery(reason, clock.instant());
        } else if (wanted == Pass.REBUILD && pass != Pass.REBUILD) {
            pass = Pass.REBUILD; // a rebuild covers a reconciliation
            pending = new CacheRecovery(reason, pending.since());
        }
    }
}
