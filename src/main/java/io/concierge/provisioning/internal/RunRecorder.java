package io.concierge.provisioning.internal;

import io.concierge.provisioning.ProvisioningProgress;
import io.concierge.provisioning.ProvisioningRun;
import io.concierge.provisioning.RunKind;
import io.concierge.provisioning.RunStatus;
import io.concierge.shared.ConsoleSchema;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes runs and their steps as they happen (each write commits on its own, so a crash leaves the run as far as
 * it got, see {@link #write} for how far), and nudges open views through {@link ProvisioningProgress}.
 */
@Component
public class RunRecorder {

    static final String INTERRUPTED = "Interrupted: the console stopped while this ran; a later run took over";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ProvisioningProgress progress;
    private final Clock clock;
    private final ObservationRegistry observations;
    /** The console's own schema (where the run tables live), as configured for Hibernate and Flyway. */
    private final String consoleSchema;

    RunRecorder(JdbcClient jdbc, PlatformTransactionManager transactionManager, ProvisioningProgress progress,
                Clock clock, ObservationRegistry observations, ConsoleSchema consoleSchema) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.consoleSchema = consoleSchema.quoted();
        this.progress = progress;
        this.clock = clock;
        this.observations = observations;
    }

    private String sql(String text) {
        return text.replace("{console}", consoleSchema);
    }

    /**
     * Writes run records in a transaction that commits without waiting for the write-ahead log to reach the disk:
     * they are the account of work whose outcome (the tenant's status or schema version) is committed
     * synchronously right after, and PostgreSQL writes its log in order, so that commit makes them durable too. A
     * crash of the database server before it can lose only the newest records of a run that never finished, which
     * the next run of the tenant closes as interrupted anyway. A run records a dozen writes; each flush would cost
     * about a millisecond here.
     */
    private void write(Runnable statements) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SET LOCAL synchronous_commit TO OFF").update();
            statements.run();
        });
    }

    /**
     * Starts a run. Runs of this tenant still shown RUNNING were cut short (a crash, or a shutdown that could not
     * record it): only one run per tenant works at a time, so they are closed as interrupted rather than left
     * "running" forever on the tenant's page.
     */
    public Run start(TenantId tenant, TenantSlug slug, RunKind kind, String fromVersion) {
        var now = Timestamp.from(clock.instant());
        var run = new Run(UUID.randomUUID(), tenant, slug, kind);
        write(() -> {
            closeRunsOf(tenant, now);
            jdbc.sql(sql("""
                            INSERT INTO {console}.provisioning_run (id, tenant_id, kind, status, from_version, started_at)
                            VALUES (?, ?, ?, 'RUNNING', ?, ?)"""))
                    .params(run.id, tenant.value(), kind.name(), fromVersion, now)
                    .update();
        });
        run.publish(RunStatus.RUNNING);
        return run;
    }

    /** Where one of the runs {@link #startAll} starts: whose, and from which changelog version. */
    public record Start(TenantId tenant, TenantSlug slug, String fromVersion) {
    }

    /**
     * Starts one run per tenant, each with its first step running, in one write (as {@link #start} and a first
     * {@link Run#step} would, each): tenants that take that step together, such as a batch of a replayed upgrade.
     * The step is ended by {@link #endFirstSteps}; the runs go on like any other afterwards.
     */
    public List<Run> startAll(RunKind kind, List<Start> starts, String step) {
        var now = Timestamp.from(clock.instant());
        var started = starts.stream().map(s -> new Run(UUID.randomUUID(), s.tenant(), s.slug(), kind)).toList();
        var ids = started.stream().map(r -> r.id).toArray(UUID[]::new);
        var tenants = starts.stream().map(s -> s.tenant().value()).toArray(UUID[]::new);
        write(() -> {
            closeRunsOf(tenants, now);
            jdbc.sql(sql("""
                            INSERT INTO {console}.provisioning_run (id, tenant_id, kind, status, from_version, started_at)
                            SELECT u.id, u.tenant, ?, 'RUNNING', u.version, ?
                              FROM unnest(?::uuid[], ?::uuid[], ?::text[]) AS u(id, tenant, version)"""))
                    .params(kind.name(), now, ids, tenants,
                            starts.stream().map(Start::fromVersion).toArray(String[]::new))
                    .update();
            jdbc.sql(sql("""
                            INSERT INTO {console}.provisioning_step (run_id, position, name, status, started_at)
                            SELECT u.id, 1, ?, 'RUNNING', ? FROM unnest(?::uuid[]) AS u(id)"""))
                    .params(step, now, ids).update();
        });
        started.forEach(r -> {
            r.position = 1;
            r.firstStep = step;
            r.publish(RunStatus.RUNNING);
        });
        return started;
    }

    /**
     * How the first step of a run from {@link #startAll} ended, and whether that ends the run: {@code toVersion}
     * set, the run succeeded with that version and {@code changesetsApplied}; null, the run goes on. A failed step's
     * {@code cause}, if any, goes to the run's log with its stack trace.
     */
    public record StepEnd(Run run, RunStatus status, String detail, String toVersion, int changesetsApplied,
                          Throwable cause) {
    }

    /** Ends the first steps of runs started together, and the runs that end with them, in one write. */
    public void endFirstSteps(List<StepEnd> ends) {
        var now = Timestamp.from(clock.instant());
        ends.forEach(e -> e.run.log(e.run.firstStep + (e.status() == RunStatus.FAILED ? " FAILED: " : ": ")
                + e.detail() + (e.cause() == null ? "" : "\n" + stackTrace(e.cause()))));
        var done = ends.stream().filter(e -> e.toVersion() != null).toList();
        write(() -> {
            jdbc.sql(sql("""
                            UPDATE {console}.provisioning_step s SET status = u.status, finished_at = ?, detail = u.detail
                              FROM unnest(?::uuid[], ?::text[], ?::text[]) AS u(id, status, detail)
                             WHERE s.run_id = u.id AND s.position = 1"""))
                    .params(now, ends.stream().map(e -> e.run.id).toArray(UUID[]::new),
                            ends.stream().map(e -> e.status().name()).toArray(String[]::new),
                            ends.stream().map(StepEnd::detail).toArray(String[]::new))
                    .update();
            if (!done.isEmpty()) {
                jdbc.sql(sql("""
                                UPDATE {console}.provisioning_run r
                                   SET status = 'SUCCEEDED', to_version = u.version, changesets_applied = u.applied,
                                       finished_at = ?, log = u.log
                                  FROM unnest(?::uuid[], ?::text[], ?::int[], ?::text[]) AS u(id, version, applied, log)
                                 WHERE r.id = u.id"""))
                        .params(now, done.stream().map(e -> e.run.id).toArray(UUID[]::new),
                                done.stream().map(StepEnd::toVersion).toArray(String[]::new),
                                done.stream().map(StepEnd::changesetsApplied).toArray(Integer[]::new),
                                done.stream().map(e -> e.run.log.toString()).toArray(String[]::new))
                        .update();
            }
        });
        done.forEach(e -> e.run.publish(RunStatus.SUCCEEDED));
    }

    /** Closes the tenant's runs still shown RUNNING as interrupted: the caller knows none of them is alive. */
    public void closeInterrupted(TenantId tenant) {
        write(() -> closeRunsOf(tenant, Timestamp.from(clock.instant())));
    }

    private void closeRunsOf(TenantId tenant, Timestamp now) {
        closeRunsOf(new UUID[] {tenant.value()}, now);
    }

    private void closeRunsOf(UUID[] tenants, Timestamp now) {
        jdbc.sql(sql("""
                        UPDATE {console}.provisioning_step SET status = 'FAILED', finished_at = ?, detail = ?
                         WHERE status = 'RUNNING'
                           AND run_id IN (SELECT id FROM {console}.provisioning_run
                                           WHERE tenant_id = ANY (?) AND status = 'RUNNING')"""))
                .params(now, INTERRUPTED, tenants).update();
        jdbc.sql(sql("""
                        UPDATE {console}.provisioning_run SET status = 'FAILED', finished_at = ?, error = ?
                         WHERE tenant_id = ANY (?) AND status = 'RUNNING'"""))
                .params(now, INTERRUPTED, tenants).update();
    }

    /**
     * Closes as interrupted the runs of this kind still shown RUNNING, except those of the given tenants: after a
     * crash (kill -9, power loss) no step of them will ever finish. The caller knows none of them is live (see
     * {@code FleetUpgrades} and {@code Provisioner} at start-up). Returns the tenants whose runs it closed.
     */
    public List<TenantId> closeInterrupted(RunKind kind, Collection<TenantId> except) {
        var now = Timestamp.from(clock.instant());
        var excluded = except.stream().map(TenantId::value).toArray(UUID[]::new);
        var closed = new ArrayList<TenantId>();
        write(() -> {
            jdbc.sql(sql("""
                            UPDATE {console}.provisioning_step SET status = 'FAILED', finished_at = ?, detail = ?
                             WHERE status = 'RUNNING'
                               AND run_id IN (SELECT id FROM {console}.provisioning_run
                                               WHERE kind = ? AND status = 'RUNNING' AND tenant_id <> ALL (?))"""))
                    .params(now, INTERRUPTED, kind.name(), excluded).update();
            jdbc.sql(sql("""
                            UPDATE {console}.provisioning_run SET status = 'FAILED', finished_at = ?, error = ?
                             WHERE kind = ? AND status = 'RUNNING' AND tenant_id <> ALL (?)
                            RETURNING tenant_id"""))
                    .params(now, INTERRUPTED, kind.name(), excluded)
                    .query((rs, i) -> new TenantId(rs.getObject(1, UUID.class))).list().forEach(closed::add);
        });
        return List.copyOf(closed);
    }

    /**
     * Records that a schema upgrade starts: of every tenant behind ({@code tenant} empty) or of one tenant. Closed by
     * {@link #upgradeFinished}; one a crash cut short is found by {@link #closeUpgradesCutShort}.
     */
    public UUID upgradeStarted(Optional<TenantId> tenant) {
        var id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> jdbc.sql(sql("""
                        INSERT INTO {console}.fleet_upgrade (id, tenant_id, started_at) VALUES (?, ?, ?)"""))
                .params(id, tenant.map(TenantId::value).orElse(null), Timestamp.from(clock.instant())).update());
        return id;
    }

    public void upgradeFinished(UUID upgrade) {
        transactions.executeWithoutResult(status -> jdbc.sql(sql("""
                        UPDATE {console}.fleet_upgrade SET finished_at = ?, outcome = 'FINISHED'
                         WHERE id = ? AND finished_at IS NULL"""))
                .params(Timestamp.from(clock.instant()), upgrade).update());
    }

    /**
     * Closes the schema upgrades that started and never finished as interrupted; the caller holds the fleet lock,
     * so none of them is alive. Returns what each was asked to upgrade: empty for every tenant behind.
     */
    public List<Optional<TenantId>> closeUpgradesCutShort() {
        var scopes = new ArrayList<Optional<TenantId>>();
        transactions.executeWithoutResult(status -> jdbc.sql(sql("""
                        UPDATE {console}.fleet_upgrade SET finished_at = ?, outcome = 'INTERRUPTED'
                         WHERE finished_at IS NULL
                        RETURNING tenant_id"""))
                .params(Timestamp.from(clock.instant()))
                .query((rs, i) -> Optional.ofNullable(rs.getObject(1, UUID.class)).map(TenantId::new)).list()
                .forEach(scopes::add));
        return List.copyOf(scopes);
    }

    /** The tenant's runs, newest first, with their steps. */
    public List<ProvisioningRun> runsOf(TenantId tenant, int limit) {
        var runs = jdbc.sql(sql("""
                        SELECT * FROM {console}.provisioning_run WHERE tenant_id = ?
                        ORDER BY started_at DESC LIMIT ?"""))
                .params(tenant.value(), limit)
                .query((rs, i) -> runRow(rs)).list();
        if (runs.isEmpty()) {
            return List.of();
        }
        var steps = new LinkedHashMap<UUID, List<ProvisioningRun.Step>>();
        runs.forEach(r -> steps.put(r.id(), new ArrayList<>()));
        jdbc.sql(sql("""
                        SELECT s.* FROM {console}.provisioning_step s
                          JOIN (SELECT id FROM {console}.provisioning_run WHERE tenant_id = ?
                                 ORDER BY started_at DESC LIMIT ?) r ON r.id = s.run_id
                         ORDER BY s.run_id, s.position"""))
                .params(tenant.value(), limit)
                .query(rs -> {
                    steps.computeIfAbsent(rs.getObject("run_id", UUID.class), k -> new ArrayList<>()).add(new ProvisioningRun.Step(rs.getString("name"),
                            RunStatus.valueOf(rs.getString("status")), instant(rs, "started_at"),
                            instant(rs, "finished_at"), rs.getString("detail")));
                });
        return runs.stream().map(r -> withSteps(r, steps)).toList();
    }

    private static ProvisioningRun withSteps(ProvisioningRun r, Map<UUID, List<ProvisioningRun.Step>> steps) {
        return new ProvisioningRun(r.id(), r.tenant(), r.kind(), r.status(), r.fromVersion(), r.toVersion(),
                r.changesetsApplied(), r.startedAt(), r.finishedAt(), r.error(), r.log(), List.copyOf(steps.getOrDefault(r.id(), List.of())));
    }

    private static ProvisioningRun runRow(ResultSet rs) throws SQLException {
        var applied = rs.getObject("changesets_applied", Integer.class);
        return new ProvisioningRun(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
                RunKind.valueOf(rs.getString("kind")), RunStatus.valueOf(rs.getString("status")),
                rs.getString("from_version"), rs.getString("to_version"), applied, instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getString("error"), rs.getString("log"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** A run in progress. Not thread-safe: one worker owns it. */
    public final class Run {

        private final UUID id;
        private final TenantId tenant;
        private final TenantSlug slug;
        private final RunKind kind;
        private final StringBuilder log = new StringBuilder();
        private int position;
        /** The name of the step {@link #startAll} started, if it started this run. */
        private String firstStep;

        private Run(UUID id, TenantId tenant, TenantSlug slug, RunKind kind) {
            this.id = id;
            this.tenant = tenant;
            this.slug = slug;
            this.kind = kind;
        }

        /**
         * Runs one step: recorded as running, then as succeeded with the detail the work returns, or as failed
         * with the error (which is rethrown). Observed as {@code concierge.provisioning.step} (a timer per step
         * and outcome, and a span carrying the tenant).
         */
        public <T> T step(String name, Supplier<Outcome<T>> work) {
            var observation = Observation.createNotStarted("concierge.provisioning.step", observations)
                    .lowCardinalityKeyValue("step", name)
                    .lowCardinalityKeyValue("kind", kind.name().toLowerCase())
                    .highCardinalityKeyValue("tenant", slug.value());
            return observation.observe(() -> {
                try {
                    var value = recordStep(name, work);
                    observation.lowCardinalityKeyValue("outcome", "success");
                    return value;
                } catch (RuntimeException e) {
                    observation.lowCardinalityKeyValue("outcome", "failure");
                    throw e;
                }
            });
        }

        private <T> T recordStep(String name, Supplier<Outcome<T>> work) {
            int pos = ++position;
            write(() -> jdbc.sql(sql("""
                            INSERT INTO {console}.provisioning_step (run_id, position, name, status, started_at)
                            VALUES (?, ?, ?, 'RUNNING', ?)"""))
                    .params(id, pos, name, Timestamp.from(clock.instant())).update());
            publish(RunStatus.RUNNING);
            try {
                var outcome = work.get();
                endStep(pos, RunStatus.SUCCEEDED, outcome.detail());
                log(name + ": " + outcome.detail());
                return outcome.value();
            } catch (RuntimeException e) {
                endStep(pos, RunStatus.FAILED, e.getMessage());
                // the step shows the message; the log keeps where it came from
                log(name + " FAILED: " + e.getMessage() + "\n" + stackTrace(e));
                throw e;
            }
        }

        public void log(String line) {
            log.append(clock.instant()).append(' ').append(line).append('\n');
        }

        public void succeed(String toVersion, int changesetsApplied) {
            finish(RunStatus.SUCCEEDED, toVersion, changesetsApplied, null);
        }

        public void fail(String error) {
            finish(RunStatus.FAILED, null, null, error);
        }

        private void finish(RunStatus status, String toVersion, Integer applied, String error) {
            write(() -> jdbc.sql(sql("""
                            UPDATE {console}.provisioning_run
                               SET status = ?, to_version = ?, changesets_applied = ?, finished_at = ?, error = ?, log = ?
                             WHERE id = ?"""))
                    .params(status.name(), toVersion, applied, Timestamp.from(clock.instant()), error, log.toString(), id)
                    .update());
            publish(status);
        }

        private void endStep(int pos, RunStatus status, String detail) {
            write(() -> jdbc.sql(sql("""
                            UPDATE {console}.provisioning_step SET status = ?, finished_at = ?, detail = ?
                             WHERE run_id = ? AND position = ?"""))
                    .params(status.name(), Timestamp.from(clock.instant()), detail, id, pos).update());
        }

        private void publish(RunStatus status) {
            progress.publish(new ProvisioningProgress.RunUpdated(tenant, id, status));
        }
    }

    private static String stackTrace(Throwable e) {
        var trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString().stripTrailing();
    }

    /** What a step produced and the one-line detail shown for it. */
    public record Outcome<T>(T value, String detail) {

        public static Outcome<Void> done(String detail) {
            return new Outcome<>(null, detail);
        }
    }
}
