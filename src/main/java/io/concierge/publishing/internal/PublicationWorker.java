package io.concierge.publishing.internal;

import io.concierge.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs publications off the saving thread. A tenant is published by one thread at a time; changes arriving while
 * it is in flight coalesce into one more run (which publishes the newest state handed over, or reads the newest).
 * A retry loop picks up every tenant the database shows behind whose back-off has passed: failed attempts, and
 * changes committed while this process was down. Other tenants never wait for a failing one.
 */
@Component
public class PublicationWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublicationWorker.class);
    private static final int BATCH = 500;

    private final Publisher publisher;
    private final PublicationLedger ledger;
    private final PublishingProperties properties;
    private final RedisWatch watch;
    private final Clock clock;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<UUID> again = ConcurrentHashMap.newKeySet();
    /** States handed over with their tenant, the newest by sequence; published instead of reading the tenant. */
    private final Map<UUID, TenantSnapshot> handed = new ConcurrentHashMap<>();
    private ExecutorService workers;
    private ScheduledExecutorService loop;
    private volatile boolean running;
    private Runnable reconciliation = () -> { };

    PublicationWorker(Publisher publisher, PublicationLedger ledger, PublishingProperties properties, RedisWatch watch,
                      Clock clock) {
        this.publisher = publisher;
        this.ledger = ledger;
        this.properties = properties;
        this.watch = watch;
        this.clock = clock;
    }

    /** The periodic reconciliation; set by the service, which owns it. */
    public void reconcileWith(Runnable reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** Publishes the tenant soon, reading its state; returns at once. */
    public void kick(TenantId tenant) {
        kick(tenant, null);
    }

    /**
     * Publishes the tenant soon; returns at once. {@code state}, when given, is its state as the change that raised
     * the sequence committed it ({@link SnapshotReader#readHeld}); null: read the state (the newest) first.
     */
    public void kick(TenantId tenant, TenantSnapshot state) {
        if (!running) {
            return; // the retry loop of the next start finds it: the database says it is behind
        }
        if (state == null) {
            handed.remove(tenant.value()); // a change came without its state: the run reads the newest
        } else {
            handed.merge(tenant.value(), state, (held, offered) -> offered.sequence() >= held.sequence() ? offered : held);
        }
        if (inFlight.add(tenant.value())) {
            workers.execute(() -> run(tenant));
        } else {
            again.add(tenant.value());
        }
    }

    private void run(TenantId tenant) {
        var id = tenant.value();
        while (true) {
            again.remove(id);
            try {
                publisher.publish(tenant, handed.remove(id));
            } catch (RuntimeException e) {
                log.warn("Publishing tenant {} failed unexpectedly", tenant, e);
            }
            inFlight.remove(id);
            // a kick that came in while we ran: take the tenant back unless another thread already did
            if (!again.remove(id) || !inFlight.add(id)) {
                return;
            }
        }
    }

    void retryDue() {
        try {
            var ignoreBackoff = false;
            if (publisher.redisDown()) {
                if (!publisher.probe()) {
                    return;
                }
                ignoreBackoff = true; // Redis is back: everything waiting on it goes now, not after its back-off
                log.info("Redis answers again; publishing every tenant that is behind");
            }
            for (var tenant : ledger.due(clock.instant(), ignoreBackoff, BATCH)) {
                kick(new TenantId(tenant));
            }
            // after the kicks: changes held up by an outage go out first, a rebuild of everything follows
            watch.check();
        } catch (RuntimeException e) {
            log.warn("Looking for publications to retry failed", e);
        }
    }

    @Override
    public void start() {
        workers = Executors.newFixedThreadPool(properties.workers(), named("publishing-"));
        loop = Executors.newSingleThreadScheduledExecutor(named("publishing-loop-"));
        running = true;
        var retry = properties.retryInterval().toMillis();
        loop.scheduleWithFixedDelay(this::retryDue, retry, retry, TimeUnit.MILLISECONDS);
        var reconcile = properties.reconcileInterval().toMillis();
        if (reconcile > 0) {
            loop.scheduleWithFixedDelay(() -> {
                try {
                    reconciliation.run();
                } catch (RuntimeException e) {
                    log.warn("Scheduled reconciliation failed", e);
                }
            }, reconcile, reconcile, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        running = false;
        loop.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static ThreadFactory named(String prefix) {
        var count = new AtomicInteger();
        return r -> {
            var thread = new Thread(r, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
