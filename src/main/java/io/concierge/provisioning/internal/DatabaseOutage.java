package io.concierge.provisioning.internal;

import io.concierge.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Work that a database outage cut short, waiting for the database to answer again: a tenant whose provisioning
 * failed because PostgreSQL went away is provisioned again when it returns, instead of staying PROVISIONING with
 * a step "running" until the console restarts. A probe ({@code SELECT 1}) every two seconds while anything waits.
 */
@Component
class DatabaseOutage implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);
    private static final long PROBE_MILLIS = 2_000;

    private final JdbcTemplate jdbc;
    private final Map<TenantId, Runnable> waiting = new ConcurrentHashMap<>();
    private ScheduledExecutorService probe;
    private volatile boolean running;

    DatabaseOutage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the failure (or one of its causes) is the database being unreachable, not the work's own fault. */
    static boolean isCause(Throwable failure) {
        for (var t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // 08: connection exceptions; 57P01..57P03: the server is shutting down, crashed, or not accepting yet
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code work} once the database answers again (at most one waiting job per tenant). */
    void retryWhenBack(TenantId tenant, Runnable work) {
        waiting.put(tenant, work);
    }

    private void probe() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
        } catch (RuntimeException stillDown) {
            return;
        }
        log.info("The database answers again; resuming {} provisioning runs it cut short", waiting.size());
        for (var tenant : waiting.keySet()) {
            var work = waiting.remove(tenant);
            if (work != null) {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // a run that fails on its own records that; one cut short again has queued itself again
                    log.debug("Resumed work for tenant {} failed", tenant, e);
                }
            }
        }
    }

    @Override
    public void start() {
        probe = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "database-outage-probe");
            thread.setDaemon(true);
            return thread;
        });
        probe.scheduleWithFixedDelay(this::probe, PROBE_MILLIS, PROBE_MILLIS, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        probe.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
