package io.concierge.bulk.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Which console instance works on a bulk job: a PostgreSQL session advisory lock per job, held on one connection of
 * this instance for as long as it runs any job (and given back to the pool when it runs none). A console that dies
 * (kill -9, a lost host) loses its connection and with it its locks, so a job still RUNNING whose lock is free was
 * cut short, and exactly one instance can claim it.
 */
@Component
public class BulkJobLocks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BulkJobLocks.class);
    private static final String LOCK = "SELECT pg_try_advisory_lock(hashtext('concierge.bulk-job'), hashtext(?))";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('concierge.bulk-job'), hashtext(?))";

    private final DataSource dataSource;
    private final Set<UUID> held = new HashSet<>();
    private Connection connection;

    BulkJobLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Claims the job for this instance; false when another instance holds it (or the database cannot say). */
    public synchronized boolean claim(UUID job) {
        if (held.contains(job)) {
            return true;
        }
        try {
            if (connection == null) {
                connection = dataSource.getConnection();
            }
            if (!call(LOCK, job)) {
                closeIfIdle();
                return false;
            }
            held.add(job);
            return true;
        } catch (SQLException e) {
            log.warn("Could not claim bulk job {}: {}; it is resumed at a later start", job, e.getMessage());
            forget();
            return false;
        }
    }

    /** Gives the job up: this instance no longer works on it. */
    public synchronized void release(UUID job) {
        if (!held.remove(job)) {
            return;
        }
        try {
            call(UNLOCK, job);
            closeIfIdle();
        } catch (SQLException e) {
            log.warn("Could not release bulk job {}: {}; closing the lock connection instead", job, e.getMessage());
            forget();
        }
    }

    private boolean call(String sql, UUID job) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, job.toString());
            try (var result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void closeIfIdle() throws SQLException {
        if (held.isEmpty() && connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** A broken connection has lost its locks anyway: drop it, and what it held. */
    private void forget() {
        held.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the broken lock connection failed", e);
            }
            connection = null;
        }
    }

    @Override
    public synchronized void destroy() {
        forget();
    }
}
