package io.concierge.bulk;

import io.concierge.bulk.internal.BulkJobEntity;
import io.concierge.bulk.internal.BulkJobLocks;
import io.concierge.bulk.internal.BulkJobRepository;
import io.concierge.bulk.internal.BulkRowEntity;
import io.concierge.bulk.internal.BulkRowRepository;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.StartingConfiguration;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStateException;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works through a job's rows, {@code concierge.bulk.parallelism} at a time across all jobs: each worker registers
 * one tenant through the ordinary path and waits until its provisioning ended before it takes the next row, so at
 * most that many schemas are being built for bulk jobs at once. Registration and the row's new state commit
 * together; a row is never created twice: a slug that exists already is EXISTED, unless this job created it
 * (a retry then retries the tenant's provisioning).
 *
 * <p>One console instance works on a job at a time ({@link BulkJobLocks}). A job left RUNNING that no instance
 * holds was cut short by a restart or a crash: the next start (and every {@code concierge.bulk.resume-interval}
 * after it) claims it and finishes its unfinished rows as the system, each again idempotent by slug.
 */
@Component
class BulkRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BulkRunner.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Set<RowOutcome> UNFINISHED = EnumSet.of(RowOutcome.PENDING, RowOutcome.PROVISIONING);

    private final TenantService tenants;
    private final ObjectProvider<StartingConfiguration> starts;
    private final BulkRowRepository rows;
    private final BulkJobRepository jobs;
    private final BulkProgress progress;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration timeout;
    private final ExecutorService workers;
    private final BulkJobLocks locks;
    private final Duration resumeInterval;
    /** Rows of each job this instance holds that are queued or in progress; guarded by {@code this}. */
    private final Map<UUID, Integer> queued = new HashMap<>();
    private ScheduledExecutorService resumeLoop;

    BulkRunner(TenantService tenants, ObjectProvider<StartingConfiguration> starts, BulkRowRepository rows,
               BulkJobRepository jobs, BulkProgress progress, BulkJobLocks locks,
               PlatformTransactionManager transactions, Clock clock,
               @Value("${concierge.bulk.parallelism:4}") int parallelism,
               @Value("${concierge.bulk.provisioning-timeout:10m}") Duration timeout,
               @Value("${concierge.bulk.resume-interval:1m}") Duration resumeInterval) {
        this.locks = locks;
        this.resumeInterval = resumeInterval;
        this.tenants = tenants;
        this.starts = starts;
        this.rows = rows;
        this.jobs = jobs;
        this.progress = progress;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.timeout = timeout;
        var count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            var thread = new Thread(r, "bulk-onboarding-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Queues the rows of the job, as the operator who started (or retried) it. When another instance holds the job
     * (it resumed it), that instance takes these rows once its own are done.
     */
    synchronized void run(UUID job, List<Integer> rowNumbers, CurrentUser actor) {
        if (queued.containsKey(job) || locks.claim(job)) {
            queue(job, rowNumbers, actor);
        } else {
            log.info("Bulk job {} is worked on by another console instance, which takes these rows", job);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeAtStart() {
        resumeInterrupted();
        if (!resumeInterval.isZero() && !resumeInterval.isNegative()) {
            resumeLoop = Executors.newSingleThreadScheduledExecutor(r -> {
                var thread = new Thread(r, "bulk-onboarding-resume");
                thread.setDaemon(true);
                return thread;
            });
            resumeLoop.scheduleWithFixedDelay(this::resumeInterrupted, resumeInterval.toMillis(),
                    resumeInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Claims every job left RUNNING that no console instance works on and queues its unfinished rows here; returns
     * how many jobs this instance resumed.
     */
    synchronized int resumeInterrupted() {
        int resumed = 0;
        try {
            for (var job : jobs.findByStatusOrderByCreatedAt(BulkJobEntity.RUNNING)) {
                var id = job.getId();
                if (queued.containsKey(id) || !locks.claim(id)) {
                    continue;
                }
                var unfinished = unfinished(id);
                if (unfinished.isEmpty()) {
                    finishIfDone(id);
                    locks.release(id);
                    continue;
                }
                log.info("Resuming bulk job {} ({}, started by {}), cut short by a restart: {} row(s) to finish",
                        id, job.getFileName(), job.getCreatedBy(), unfinished.size());
                queue(id, unfinished, CurrentUser.SYSTEM);
                resumed++;
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for bulk jobs to resume; trying again later: {}", e.getMessage());
        }
        return resumed;
    }

    private void queue(UUID job, List<Integer> rowNumbers, CurrentUser actor) {
        queued.merge(job, rowNumbers.size(), Integer::sum);
        for (var row : rowNumbers) {
            workers.submit(() -> {
                try {
                    Actors.runAs(actor, () -> process(job, row));
                } finally {
                    done(job, actor);
                }
            });
        }
    }

    /**
     * One row of the job is done here; after the last, rows that are still unfinished (a retry queued them while
     * this instance held the job) are taken too, else the job is given up.
     */
    private synchronized void done(UUID job, CurrentUser actor) {
        var left = queued.merge(job, -1, Integer::sum);
        if (left > 0 || workers.isShutdown()) {
            return;
        }
        queued.remove(job);
        var unfinished = unfinished(job);
        if (unfinished.isEmpty()) {
            // every row's own check ran in its worker; this one runs after all of them, so a job whose last rows
            // ended together, or whose last check failed, is still marked finished before it is given up (and if
            // this fails too, the job is given up all the same: the resume loop claims it and finishes it)
            try {
                finishIfDone(job);
            } finally {
                locks.release(job);
            }
        } else {
            queue(job, unfinished, actor);
        }
    }

    private List<Integer> unfinished(UUID job) {
        return rows.findByJobIdAndOutcomeInOrderByRowNo(job, UNFINISHED).stream().map(BulkRowEntity::getRowNo).toList();
    }

    private void process(UUID job, int rowNo) {
        try {
            var row = transaction.execute(s -> {
                var r = rows.findById(new BulkRowEntity.Key(job, rowNo)).orElseThrow();
                r.start(clock.instant());
                return r;
            });
            var tenant = begin(row);
            if (tenant != null) {
                follow(job, rowNo, tenant);
            }
        } catch (RuntimeException e) {
            log.warn("Row {} of bulk job {} failed unexpectedly", rowNo, job, e);
            record(job, rowNo, RowOutcome.FAILED, null, "Unexpected failure: " + e.getMessage());
        } finally {
            try {
                finishIfDone(job);
            } catch (RuntimeException e) {
                // a worker's task has no one to tell: say it here (the job's last task checks again)
                log.warn("Could not check whether bulk job {} is finished after row {}", job, rowNo, e);
            }
        }
    }

    /** Registers the row's tenant (or retries one this job created); the tenant to follow, or null when done. */
    private TenantId begin(BulkRowEntity row) {
        var existing = tenants.open(row.getSlug());
        if (existing.isPresent()) {
            var tenant = existing.get();
            if (row.getTenantId() == null || !row.getTenantId().equals(tenant.id().value())) {
                record(row.getJobId(), row.getRowNo(), RowOutcome.EXISTED, null,
                        "Tenant '" + tenant.slug() + "' existed already (" + tenant.status().name().toLowerCase()
                                + "); left as it is.");
                return null;
            }
            if (tenant.status() == TenantStatus.FAILED) {
                try {
                    tenants.retry(tenant.id());
                } catch (TenantStateException | InvalidValueException e) {
                    record(row.getJobId(), row.getRowNo(), RowOutcome.FAILED, null, e.getMessage());
                    return null;
                }
            }
            record(row.getJobId(), row.getRowNo(), RowOutcome.PROVISIONING, null, null);
            return tenant.id();
        }
        try {
            return transaction.execute(s -> {
                var request = new NewTenant(row.getSlug(), row.getDisplayName(), row.getContactEmail(),
                        row.getFirstAdmin());
                var registration = row.getLikeSlug() == null ? tenants.register(request)
                        : starts.getObject().registerLike(request, row.getLikeSlug());
                var id = registration.tenant().id();
                update(row.getJobId(), row.getRowNo(), RowOutcome.PROVISIONING, id.value(), null);
                return id;
            });
        } catch (InvalidValueException e) {
            if ("slug".equals(e.field()) && tenants.open(row.getSlug()).isPresent()) {
                record(row.getJobId(), row.getRowNo(), RowOutcome.EXISTED, null,
                        "Tenant '" + row.getSlug() + "' was created by someone else meanwhile; left as it is.");
            } else {
                record(row.getJobId(), row.getRowNo(), RowOutcome.FAILED, null,
                        (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
            }
            return null;
        }
    }

    /** Waits until the tenant's provisioning ended and records how. */
    private void follow(UUID job, int rowNo, TenantId id) {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            TenantSummary tenant = tenants.find(id).orElseThrow();
            if (tenant.status() != TenantStatus.PROVISIONING) {
                if (tenant.status() == TenantStatus.FAILED) {
                    record(job, rowNo, RowOutcome.FAILED, null, "Provisioning failed: " + tenant.statusReason());
                } else {
                    record(job, rowNo, RowOutcome.CREATED, null, "Created and provisioned ("
                            + tenant.status().name().toLowerCase() + ")" + adminNote(job, rowNo));
                }
                return;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        record(job, rowNo, RowOutcome.FAILED, null, "Still provisioning after " + timeout.toMinutes()
                + " minutes; see the tenant's page, then retry.");
    }

    private String adminNote(UUID job, int rowNo) {
        var admin = rows.findById(new BulkRowEntity.Key(job, rowNo)).map(BulkRowEntity::getFirstAdmin).orElse(null);
        return admin == null ? "." : "; partner admin '" + admin + "' was invited: reset their password from "
                + "Console users to hand over a one-time password.";
    }

    private void record(UUID job, int rowNo, RowOutcome outcome, UUID tenant, String message) {
        transaction.executeWithoutResult(s -> update(job, rowNo, outcome, tenant, message));
    }

    private void update(UUID job, int rowNo, RowOutcome outcome, UUID tenant, String message) {
        rows.findById(new BulkRowEntity.Key(job, rowNo)).orElseThrow()
                .record(outcome, tenant, message, clock.instant());
        progressAfter(job);
    }

    private void progressAfter(UUID job) {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        progress.publish(job);
                    }
                });
    }

    private void finishIfDone(UUID job) {
        transaction.executeWithoutResult(s -> {
            if (rows.countByJobIdAndOutcomeIn(job, UNFINISHED) == 0) {
                jobs.findById(job).filter(j -> !j.isFinished()).ifPresent(j -> {
                    j.finish(clock.instant());
                    progressAfter(job);
                });
            }
        });
    }

    @Override
    public void destroy() {
        if (resumeLoop != null) {
            resumeLoop.shutdownNow();
        }
        workers.shutdownNow();
    }
}
