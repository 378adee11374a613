package io.concierge.publishing;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.publishing.internal.PermissionCache;
import io.concierge.publishing.internal.PublicationLedger;
import io.concierge.publishing.internal.PublicationWorker;
import io.concierge.publishing.internal.Publisher;
import io.concierge.publishing.internal.PublishingProperties;
import io.concierge.publishing.internal.Reconciler;
import io.concierge.publishing.internal.RedisWatch;
import io.concierge.security.Actors;
import io.concierge.security.TenantAccess;
import io.concierge.shared.TenantId;
import io.concierge.tenant.TenantFilter;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The publication of tenants to the platform's Redis permission cache (docs/redis-contract.md): where each tenant
 * stands, and the operator's tools to repair the cache. Publishing itself needs no call: every configuration save
 * and status change is published after commit, and retried until Redis has it. The repair commands are not
 * transactional on purpose: each tenant is read in its own snapshot and written to Redis, and one tenant's failure
 * must not undo the others.
 */
@Service
public class PublishingService {

    private static final Logger log = LoggerFactory.getLogger(PublishingService.class);

    private final AtomicReference<Reconciliation> lastReconciliation = new AtomicReference<>();
    private final TenantService tenants;
    private final ConfigurationStore store;
    private final TenantAccess access;
    private final PublicationLedger ledger;
    private final Publisher publisher;
    private final Reconciler reconciler;
    private final PermissionCache cache;
    private final RedisWatch watch;
    private final int workers;
    private final Clock clock;

    PublishingService(TenantService tenants, ConfigurationStore store, TenantAccess access, PublicationLedger ledger,
                      Publisher publisher, Reconciler reconciler, PermissionCache cache, PublicationWorker worker,
                      RedisWatch watch, PublishingProperties properties, Clock clock) {
        this.tenants = tenants;
        this.store = store;
        this.access = access;
        this.ledger = ledger;
        this.publisher = publisher;
        this.reconciler = reconciler;
        this.cache = cache;
        this.watch = watch;
        this.workers = Math.max(1, properties.rebuildWorkers());
        this.clock = clock;
        worker.reconcileWith(() -> Actors.runAsSystem(() -> {
            var result = reconcileAll();
            if (result.drifted() > 0 || result.failed() > 0) {
                log.info("Scheduled reconciliation: {}", result);
            }
        }));
        watch.runPassesWith(pass -> Actors.runAsSystem(() -> {
            if (pass == RedisWatch.Pass.REBUILD) {
                rebuildAll(null);
            } else {
                log.info("Reconciliation after a Redis restart: {}", reconcileAll());
            }
        }));
    }

    /** Redis lost, or may have lost, what it held and every tenant is being published again (empty when not). */
    public Optional<CacheRecovery> recovery() {
        access.requireReadAll("read the state of the permission cache");
        return watch.pending();
    }

    @Transactional(readOnly = true)
    public PublicationStatus status(TenantId tenant) {
        access.requireRead(tenant, "read the publication status of tenant " + tenant);
        var summary = tenants.find(tenant).orElseThrow(() -> new IllegalArgumentException("no tenant " + tenant));
        var saved = store.currentVersions(List.of(tenant)).getOrDefault(tenant, Map.of());
        return status(summary, ledger.find(tenant.value()).orElse(null), ledger.areas(tenant.value()), saved);
    }

    /** Every saved change of the tenant (configuration areas and status) is in the cache. */
    public boolean isUpToDate(TenantId tenant) {
        return status(tenant).upToDate();
    }

    /** Of the given tenants, which have every saved change in the cache (one query for a page of tenants). */
    public Map<TenantId, Boolean> upToDate(Collection<TenantId> tenantIds) {
        tenantIds.forEach(t -> access.requireRead(t, "read the publication status of tenant " + t));
        var current = ledger.upToDate(tenantIds.stream().map(TenantId::value).toList());
        var result = new HashMap<TenantId, Boolean>();
        tenantIds.forEach(t -> result.put(t, current.contains(t.value())));
        return result;
    }

    /** Changes waiting for Redis, counting as overdue those older than {@code threshold} (health, alerting). */
    public Backlog backlog(Duration threshold) {
        access.requireReadAll("read the publication backlog");
        return ledger.backlog(clock.instant().minus(threshold));
    }

    /** How many tenants have every saved change in the cache (one counting query; the go-live funnel). */
    public long upToDateCount() {
        access.requireReadAll("read the publication status of all tenants");
        return ledger.upToDateCount();
    }

    /** Failing and overdue publications (two counting queries) and the last reconciliation's drift. */
    public PublishingAttention attention(Duration threshold) {
        access.requireReadAll("read the publication backlog");
        var backlog = ledger.backlog(clock.instant().minus(threshold));
        var last = lastReconciliation.get();
        return new PublishingAttention(ledger.failingCount(), backlog.pending(), backlog.overdue(),
                last == null ? null : last.result(), last == null ? null : last.at());
    }

    /**
     * One page of the publishing page's list: every tenant by slug, or the pending or failing ones, the longest
     * waiting first. A page costs a handful of queries for its own tenants, whatever the size of the fleet.
     */
    @Transactional(readOnly = true)
    public List<PublicationStatus> page(PublicationFilter filter, Pageable page) {
        access.requireReadAll("read the publication status of all tenants");
        List<TenantSummary> shown;
        if (filter == PublicationFilter.ALL) {
            shown = tenants.search(TenantFilter.ALL, PageRequest.of(page.getPageNumber(), page.getPageSize(),
                    Sort.by("slug"))).getContent();
        } else {
            var ids = ledger.pending(filter == PublicationFilter.FAILING, page.getOffset(), page.getPageSize());
            var found = new HashMap<UUID, TenantSummary>();
            tenants.find(ids.stream().map(TenantId::new).toList()).forEach(t -> found.put(t.id().value(), t));
            shown = ids.stream().map(found::get).filter(Objects::nonNull).toList();
        }
        var ids = shown.stream().map(t -> t.id().value()).toList();
        var rows = ledger.find(ids);
        var areas = ledger.areas(ids);
        var saved = store.currentVersions(shown.stream().map(TenantSummary::id).toList());
        return shown.stream().map(t -> status(t, rows.get(t.id().value()), areas.getOrDefault(t.id().value(), Map.of()),
                saved.getOrDefault(t.id(), Map.of()))).toList();
    }

    /** How many tenants {@link #page} lists for the filter (one counting query). */
    @Transactional(readOnly = true)
    public long count(PublicationFilter filter) {
        access.requireReadAll("read the publication status of all tenants");
        return switch (filter) {
            case ALL -> tenants.count(TenantFilter.ALL);
            case PENDING -> ledger.backlog(clock.instant()).pending();
            case FAILING -> ledger.failingCount();
        };
    }

    private PublicationStatus status(TenantSummary tenant, PublicationLedger.Row row,
                                     Map<ConfigArea, PublicationLedger.AreaRow> areaRows, Map<ConfigArea, Long> saved) {
        var areas = new ArrayList<AreaPublication>();
        for (var area : ConfigArea.values()) {
            var areaRow = areaRows.get(area);
            long savedVersion = Math.max(saved.getOrDefault(area, 0L), areaRow == null ? 0 : areaRow.savedVersion());
            long published = areaRow == null ? 0 : areaRow.publishedVersion();
            var error = published < savedVersion && row != null ? row.lastError() : null;
            areas.add(new AreaPublication(area, savedVersion, published, areaRow == null ? null : areaRow.publishedAt(),
                    error));
        }
        if (row == null) {
            // no change recorded yet (a tenant older than publishing): one is due, and the next rebuild makes it
            return new PublicationStatus(tenant.id(), tenant.slug(), tenant.status(), null, 1, 0, null, 0, null, null,
                    areas);
        }
        return new PublicationStatus(tenant.id(), tenant.slug(), tenant.status(), row.publishedStatus(), row.sequence(),
                row.publishedSequence(), row.publishedAt(), row.attempts(), row.lastError(), row.nextAttemptAt(), areas);
    }

    /** Compares the tenant's cache with the database and rewrites it if they differ. */
    public ReconcileResult reconcile(TenantId tenant) {
        access.requireOperator("reconcile the permission cache");
        var summary = tenants.find(tenant).orElseThrow(() -> new IllegalArgumentException("no tenant " + tenant));
        ledger.ensureRows(List.of(tenant.value()), clock.instant());
        return reconcile(List.of(summary), null);
    }

    /** Compares every tenant's cache with the database and repairs drift; returns what was found. */
    public ReconcileResult reconcileAll() {
        access.requireOperator("reconcile the permission cache");
        var all = allTenants();
        var result = reconcile(all, cache.roleKeysPresent(null));
        lastReconciliation.set(new Reconciliation(result, clock.instant()));
        return result;
    }

    private record Reconciliation(ReconcileResult result, java.time.Instant at) {
    }

    private ReconcileResult reconcile(List<TenantSummary> list, Map<String, Set<String>> present) {
        var drifted = new AtomicInteger();
        var failures = forEach(list, t -> {
            if (reconciler.reconcile(t.id(), present) == Reconciler.Result.REPAIRED) {
                drifted.incrementAndGet();
            }
        }, null);
        // a tenant whose repair failed drifted too
        return new ReconcileResult(list.size(), drifted.get() + failures.size(), drifted.get(), failures);
    }

    /**
     * Republishes every tenant from the database (after Redis lost its data, or to move to a new Redis), with a
     * bounded pool of workers; {@code progress} hears after each tenant.
     */
    public RebuildResult rebuildAll(RebuildProgress progress) {
        access.requireOperator("rebuild the permission cache");
        var started = clock.instant();
        var all = allTenants();
        var failures = forEach(all, t -> publisher.publishOrThrow(t.id(), PermissionCache.Mode.REPAIR), progress);
        var took = Duration.between(started, clock.instant());
        log.info("Rebuilt the permission cache: {} tenants, {} failed, in {} ms", all.size(), failures.size(), took.toMillis());
        return new RebuildResult(all.size(), all.size() - failures.size(), failures, took);
    }

    private List<TenantSummary> allTenants() {
        var all = tenants.inStatus(EnumSet.allOf(TenantStatus.class));
        ledger.ensureRows(all.stream().map(t -> t.id().value()).toList(), clock.instant());
        return all;
    }

    /** Runs the work for every tenant on a bounded pool; returns "slug: reason" of each failure. */
    private List<String> forEach(List<TenantSummary> list, Consumer<TenantSummary> work,
                                 RebuildProgress progress) {
        var failures = Collections.synchronizedList(new ArrayList<String>());
        var done = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, list.size())));
        try {
            var futures = new ArrayList<Future<?>>();
            Function<TenantSummary, Runnable> task = t -> () -> {
                try {
                    work.accept(t);
                } catch (RuntimeException e) {
                    failures.add(t.slug() + ": " + Publisher.describe(e));
                }
                if (progress != null) {
                    progress.update(done.incrementAndGet(), list.size(), failures.size());
                }
            };
            list.forEach(t -> futures.add(pool.submit(task.apply(t))));
            for (var f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a publication task failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(failures);
    }
}
