package io.concierge.provisioning;

import io.concierge.provisioning.internal.ProvisioningProperties;
import io.concierge.provisioning.internal.RunRecorder;
import io.concierge.provisioning.internal.SchemaUpgrader;
import io.concierge.provisioning.internal.TemplateSchema;
import io.concierge.provisioning.internal.TenantChangelog;
import io.concierge.provisioning.internal.UpgradePlanner;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.security.TenantAccess;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Brings tenant schemas to the changelog's newest release. Which tenants are behind is read from their stored
 * changelog version, so a current tenant costs no Liquibase call. One fleet upgrade at a time across all
 * console instances (a PostgreSQL advisory lock); a small pool works on different schemas in parallel; one
 * tenant's failure is its own result and never stops the others. Only ACTIVE and SUSPENDED tenants are
 * upgraded: a FAILED or PROVISIONING tenant gets the newest schema when it is (re)provisioned, an OFFBOARDED one
 * has none.
 */
@Service
public class FleetUpgrades {

    static final Set<TenantStatus> UPGRADABLE = Set.of(TenantStatus.ACTIVE, TenantStatus.SUSPENDED);
    private static final String FLEET_LOCK = "SELECT pg_try_advisory_lock(hashtext('concierge.fleet-upgrade')::bigint)";
    private static final String FLEET_UNLOCK = "SELECT pg_advisory_unlock(hashtext('concierge.fleet-upgrade')::bigint)";
    private static final Logger log = LoggerFactory.getLogger(FleetUpgrades.class);

    private final TenantService tenants;
    private final TenantAccess access;
    private final TenantChangelog changelog;
    private final TemplateSchema templates;
    private final SchemaUpgrader upgrader;
    private final UpgradePlanner planner;
    private final ProvisioningProgress progress;
    private final DataSource dataSource;
    private final int workers;
    private final int batch;
    private final AtomicInteger remaining = new AtomicInteger();
    private final Counter upgraded;
    private final Counter failed;
    private final RunRecorder runs;
    private volatile boolean running;
    private volatile Interrupted interrupted;

    /**
     * A schema upgrade that a crash of the console cut short: when the next start found it ({@code at}) and the
     * tenants whose upgrade was in progress, closed as interrupted; {@code resumed}: that start resumed it (what the
     * operator had asked for, every tenant behind or one tenant). The schema upgrades page says so, and offers to
     * resume should tenants still be behind (a crash left only runs open, from a console older than the record of
     * upgrades, or the resumed upgrade failed for some).
     */
    public record Interrupted(Instant at, List<TenantSlug> tenants, boolean resumed) {
    }

    FleetUpgrades(TenantService tenants, TenantAccess access, TenantChangelog changelog, TemplateSchema templates,
                  SchemaUpgrader upgrader, UpgradePlanner planner, RunRecorder runs, ProvisioningProgress progress,
                  DataSource dataSource, ProvisioningProperties properties, MeterRegistry meters) {
        this.runs = runs;
        this.tenants = tenants;
        this.access = access;
        this.changelog = changelog;
        this.templates = templates;
        this.upgrader = upgrader;
        this.planner = planner;
        this.progress = progress;
        this.dataSource = dataSource;
        this.workers = properties.upgradeWorkers();
        this.batch = properties.replayBatch();
        // Progress of a fleet upgrade for dashboards: tenants still to do, and how the finished ones went.
        meters.gauge("concierge.fleet.upgrade.remaining", remaining);
        this.upgraded = meters.counter("concierge.fleet.upgrade.tenants", "outcome", "upgraded");
        this.failed = meters.counter("concierge.fleet.upgrade.tenants", "outcome", "failed");
    }

    /**
     * After a crash (kill -9) upgrade runs stay RUNNING forever. With the fleet lock free no upgrade runs on any
     * console instance, so such runs are closed as interrupted, the upgrade they belonged to is resumed (as the
     * system, whose per-tenant entries the audit log shows), and it is reported as {@link #interrupted()} until an
     * operator starts another one.
     */
    @EventListener(ApplicationReadyEvent.class)
    void closeRunsCutShort() {
        Actors.runAsSystem(this::closeUpgradeRunsCutShort);
    }

    private void closeUpgradeRunsCutShort() {
        var cutShort = closeUpgradesCutShortUnderLock();
        if (cutShort.isEmpty()) {
            return;
        }
        // what the operator asked for, no more: the whole fleet if any of them was "Upgrade all", else those tenants
        var fleetWide = cutShort.stream().anyMatch(Optional::isEmpty);
        var only = fleetWide ? List.<TenantId>of() : cutShort.stream().flatMap(Optional::stream).distinct().toList();
        var thread = new Thread(() -> Actors.runAsSystem(() -> {
            if (fleetWide) {
                run(null, true);
            } else {
                only.forEach(tenant -> run(tenant, true));
            }
        }), "fleet-upgrade");
        thread.start();
    }

    /**
     * Closes the upgrades and their runs a crash left open; returns what each upgrade was asked to upgrade (empty:
     * every tenant behind), nothing when none was cut short or an upgrade is running elsewhere.
     */
    private List<Optional<TenantId>> closeUpgradesCutShortUnderLock() {
        try (var guard = dataSource.getConnection()) {
            if (!tryLock(guard)) {
                return List.of(); // an upgrade is running elsewhere: its runs are alive
            }
            try {
                var scopes = runs.closeUpgradesCutShort();
                var closed = runs.closeInterrupted(RunKind.UPGRADE, List.of());
                if (!scopes.isEmpty() || !closed.isEmpty()) {
                    var slugs = closed.stream().distinct().map(t -> tenants.find(t).map(TenantSummary::slug))
                            .flatMap(Optional::stream).sorted(Comparator.comparing(TenantSlug::value)).toList();
                    interrupted = new Interrupted(Instant.now(), slugs, !scopes.isEmpty());
                    log.warn("A schema upgrade was cut short by a crash (tenants in progress: {}); its runs are "
                            + "closed as interrupted{}", slugs, scopes.isEmpty() ? "" : " and the upgrade is resumed");
                }
                return scopes;
            } finally {
                try (var st = guard.createStatement()) {
                    st.execute(FLEET_UNLOCK);
                }
            }
        } catch (SQLException e) {
            log.warn("Could not look for upgrade runs a crash left running: {}", e.getMessage());
            return List.of();
        }
    }

    /** The upgrade a crash cut short, found at start-up, until another upgrade starts. */
    public Optional<Interrupted> interrupted() {
        access.requireReadAll("see schema versions");
        return Optional.ofNullable(interrupted);
    }

    public boolean canUpgrade() {
        return access.isOperator();
    }

    /** The changelog's newest release, the version every tenant schema is brought to. */
    public String latestVersion() {
        return changelog.latestVersion();
    }

    /** Whether the tenant's schema lacks releases of the changelog (from its stored version). */
    public boolean isBehind(TenantSummary tenant) {
        return UPGRADABLE.contains(tenant.status()) && changelog.isBehind(tenant.changelogVersion());
    }

    /** How many upgradable tenants are behind the newest release, from one grouped count (no tenant list). */
    public long behindCount() {
        return overview().behind();
    }

    /** The newest release and how many upgradable tenants are behind it and current, from one grouped count. */
    public FleetOverview overview() {
        access.requireReadAll("see schema versions");
        long behind = 0;
        long current = 0;
        for (var e : tenants.countByChangelogVersion(UPGRADABLE).entrySet()) {
            if (changelog.isBehind(e.getKey())) {
                behind += e.getValue();
            } else {
                current += e.getValue();
            }
        }
        return new FleetOverview(changelog.latestVersion(), behind, current, running);
    }

    /** One page, by slug, of the upgradable tenants behind the newest release. */
    public List<TenantSummary> behind(Pageable page) {
        access.requireReadAll("see schema versions");
        var versions = tenants.countByChangelogVersion(UPGRADABLE).keySet().stream()
                .filter(v -> v != null && changelog.isBehind(v)).toList();
        return tenants.atChangelogVersions(UPGRADABLE, versions, true, page);
    }

    /** Upgrades every tenant that is behind; the future completes with the report when all are done. */
    public CompletableFuture<FleetUpgradeReport> upgradeAll() {
        access.requireOperator("upgrade tenant schemas");
        return start(null);
    }

    /** Upgrades one tenant (skipped when it is already current). */
    public CompletableFuture<FleetUpgradeReport> upgrade(TenantId tenant) {
        access.requireOperator("upgrade tenant schemas");
        return start(tenant);
    }

    private CompletableFuture<FleetUpgradeReport> start(TenantId only) {
        var future = new CompletableFuture<FleetUpgradeReport>();
        // Its own thread: a fleet upgrade outlives the click that starts it and must not take a slot of the
        // executor that provisions new tenants.
        var thread = new Thread(() -> Actors.runAsSystem(() -> {
            try {
                future.complete(run(only, false));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }), "fleet-upgrade");
        thread.start();
        return future;
    }

    /** One upgrade under the fleet lock; {@code resuming}: the one a crash cut short, whose notice stays. */
    private FleetUpgradeReport run(TenantId only, boolean resuming) {
        long started = System.nanoTime();
        var latest = changelog.latestVersion();
        try (var guard = dataSource.getConnection()) {
            if (!tryLock(guard)) {
                return publish(new FleetUpgradeReport(latest, 0, List.of(), true, elapsed(started),
                        "Another schema upgrade is running (on this or another console instance)."));
            }
            running = true;
            if (!resuming) {
                interrupted = null;
            }
            // every upgrade runs under the fleet lock: an upgrade or a run still open belongs to a console that died
            // (this one takes over from it; a start that finds one resumes it)
            try {
                runs.closeUpgradesCutShort();
                runs.closeInterrupted(RunKind.UPGRADE, List.of());
                var record = runs.upgradeStarted(Optional.ofNullable(only));
                try {
                    return upgrade(only, latest, started);
                } finally {
                    runs.upgradeFinished(record);
                }
            } finally {
                running = false;
                try (var st = guard.createStatement()) {
                    st.execute(FLEET_UNLOCK);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the fleet upgrade lock: " + e.getMessage(), e);
        }
    }

    private FleetUpgradeReport upgrade(TenantId only, String latest, long started) {
        var candidates = only == null ? tenants.inStatus(UPGRADABLE)
                : tenants.find(only).filter(t -> UPGRADABLE.contains(t.status())).stream().toList();
        var behind = candidates.stream().filter(t -> changelog.isBehind(t.changelogVersion())).toList();
        var results = Collections.synchronizedList(new ArrayList<TenantUpgradeResult>());
        if (only != null && behind.isEmpty()) {
            candidates.forEach(t -> results.add(new TenantUpgradeResult(t.id(), t.slug(),
                    TenantUpgradeResult.Outcome.SKIPPED, t.changelogVersion(), t.changelogVersion(), Duration.ZERO, 0,
                    null, TenantUpgradeResult.Way.NONE)));
        }
        if (behind.isEmpty()) {
            return publish(new FleetUpgradeReport(latest, results.size(), List.copyOf(results), true,
                    elapsed(started), null));
        }
        TemplateSchema.Template template;
        try {
            template = templates.current();
        } catch (RuntimeException e) {
            return publish(new FleetUpgradeReport(latest, behind.size(), List.of(), true, elapsed(started),
                    "The changelog fails on a fresh schema, so no tenant was touched: " + e.getMessage()));
        }
        // One plan per version the tenants behind are at: the changelog work happens once, not per schema.
        var plans = new LinkedHashMap<String, UpgradePlanner.UpgradePlan>();
        behind.stream().map(TenantSummary::changelogVersion).filter(Objects::nonNull).distinct()
                .sorted()
                .forEach(v -> plans.put(v, planner.plan(v, template)));
        var unversioned = planner.plan(null, template);
        var notes = plans.values().stream().map(UpgradePlanner.UpgradePlan::describe).toList();
        plans.values().forEach(p -> log.info("Fleet upgrade to {}: {}", latest, p.describe()));
        publish(new FleetUpgradeReport(latest, behind.size(), List.of(), false, elapsed(started), null, notes));
        // Batches of tenants at one version: each is replayed in one transaction (SchemaUpgrader.upgradeAll); without
        // a replayable plan a batch is one tenant, upgraded by Liquibase.
        var batches = new ArrayList<Batch>();
        var byVersion = new LinkedHashMap<String, List<TenantSummary>>();
        behind.forEach(t -> byVersion.computeIfAbsent(t.changelogVersion(), v -> new ArrayList<>()).add(t));
        byVersion.forEach((version, atVersion) -> {
            var plan = version == null ? unversioned : plans.get(version);
            int size = plan.replayable() ? batchSize(atVersion.size()) : 1;
            for (int i = 0; i < atVersion.size(); i += size) {
                batches.add(new Batch(atVersion.subList(i, Math.min(i + size, atVersion.size())), plan));
            }
        });
        var pool = Executors.newFixedThreadPool(Math.min(workers, batches.size()), new WorkerThreads());
        remaining.set(behind.size());
        try {
            var done = new ExecutorCompletionService<List<TenantUpgradeResult>>(pool);
            // Each schema is in one batch, submitted once, so no two workers ever touch the same schema.
            for (var batch : batches) {
                done.submit(() -> Actors.callAs(CurrentUser.SYSTEM,
                        () -> upgrader.upgradeAll(batch.tenants(), batch.plan())));
            }
            for (int i = 0; i < batches.size(); i++) {
                for (var result : done.take().get()) {
                    results.add(result);
                    remaining.decrementAndGet();
                    (result.outcome() == TenantUpgradeResult.Outcome.FAILED ? failed : upgraded).increment();
                }
                publish(new FleetUpgradeReport(latest, behind.size(), List.copyOf(results), false, elapsed(started),
                        null, notes));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // upgradeAll() turns every failure into a result; this is a bug, reported as the run's error
            log.error("A tenant upgrade escaped its result", e);
            return publish(new FleetUpgradeReport(latest, behind.size(), List.copyOf(results), true, elapsed(started),
                    "Upgrade stopped: " + e.getCause(), notes));
        } finally {
            pool.shutdownNow();
            remaining.set(0);
        }
        var report = new FleetUpgradeReport(latest, behind.size(), List.copyOf(results), true, elapsed(started), null,
                notes);
        log.info("Fleet upgrade to {}: {} upgraded, {} failed in {} ms", latest,
                report.count(TenantUpgradeResult.Outcome.UPGRADED), report.count(TenantUpgradeResult.Outcome.FAILED),
                report.elapsed().toMillis());
        return publish(report);
    }

    private FleetUpgradeReport publish(FleetUpgradeReport report) {
        progress.publish(new ProvisioningProgress.FleetUpdated(report));
        return report;
    }

    /** Tenants at one version, upgraded together by one worker with the plan for that version. */
    private record Batch(List<TenantSummary> tenants, UpgradePlanner.UpgradePlan plan) {
    }

    /**
     * Batches of at most {@code replay-batch} schemas, but small enough that every worker gets some when few
     * schemas are behind.
     */
    private int batchSize(int schemas) {
        return Math.max(1, Math.min(batch, (schemas + workers - 1) / workers));
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (var st = connection.createStatement(); var rs = st.executeQuery(FLEET_LOCK)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable work) {
            var thread = new Thread(work, "fleet-upgrade-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
