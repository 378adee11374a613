package io.concierge.bulk;

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
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works through a job's rows, {@code concierge.bulk.parallelism} at a time across all jobs: each worker registers
 * one tenant through the ordinary path and waits until its provisioning ended before it takes the next row, so at
 * most that many schemas are being built for bulk jobs at once. Registration and the row's new state commit
 * together; a row is never created twice: a slug that exists already is EXISTED, unless this job created it
 * (a retry then retries the tenant's provisioning).
 */
@Component
class BulkRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BulkRunner.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final TenantService tenants;
    private final ObjectProvider<StartingConfiguration> starts;
    private final BulkRowRepository rows;
    private final BulkJobRepository jobs;
    private final BulkProgress progress;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration timeout;
    private final ExecutorService workers;

    BulkRunner(TenantService tenants, ObjectProvider<StartingConfiguration> starts, BulkRowRepository rows,
               BulkJobRepository jobs, BulkProgress progress, PlatformTransactionManager transactions, Clock clock,
               @Value("${concierge.bulk.parallelism:4}") int parallelism,
               @Value("${concierge.bulk.provisioning-timeout:10m}") Duration timeout) {
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

    /** Queues the rows of the job, as the operator who started (or retried) it. */
    void run(UUID job, List<Integer> rowNumbers, CurrentUser actor) {
        for (var row : rowNumbers) {
            workers.submit(() -> Actors.runAs(actor, () -> process(job, row)));
        }
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
            finishIfDone(job);
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
            if (rows.countByJobIdAndOutcomeIn(job, EnumSet.of(RowOutcome.PENDING, RowOutcome.PROVISIONING)) == 0) {
                jobs.findById(job).filter(j -> !j.isFinished()).ifPresent(j -> {
                    j.finish(clock.instant());
                    progressAfter(job);
                });
            }
        });
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
