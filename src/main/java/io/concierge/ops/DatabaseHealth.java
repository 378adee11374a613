package io.concierge.ops;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * PostgreSQL reachability for health and readiness, answered within about a second whatever the database does.
 * Replaces Spring Boot's {@code db} indicator (disabled in application.yml), which borrows from the application's
 * pool and so waits the pool's connection timeout (30 s) when the database is gone: long enough for a probe to
 * time out and for an orchestrator to keep a broken instance in rotation. This indicator has a two-connection pool
 * of its own with short connect, validation and socket timeouts, so the application's pool keeps the patient
 * timeouts normal work needs. Indicators that need the database ({@link PublicationBacklogHealth}) ask here
 * first instead of waiting for the application's pool.
 */
@Component("db")
class DatabaseHealth implements HealthIndicator, DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BELIEVE_DOWN = Duration.ofSeconds(2);

    private final HikariDataSource pool;
    private final Clock clock;
    private volatile Instant lastDown;

    DatabaseHealth(DataSourceProperties properties, Clock clock) {
        this.clock = clock;
        var config = new HikariConfig();
        config.setPoolName("concierge-health");
        config.setJdbcUrl(properties.determineUrl());
        config.setUsername(properties.determineUsername());
        config.setPassword(properties.determinePassword());
        config.setMaximumPoolSize(2); // health and readiness may be asked at once
        config.setMinimumIdle(0);
        config.setConnectionTimeout(TIMEOUT.toMillis());
        config.setValidationTimeout(TIMEOUT.toMillis() / 2);
        config.setInitializationFailTimeout(-1); // the console may start before the database does
        // PostgreSQL JDBC: seconds to connect and to wait on the socket, so a frozen server cannot hold the check
        config.addDataSourceProperty("connectTimeout", "1");
        config.addDataSourceProperty("socketTimeout", "2");
        config.addDataSourceProperty("loginTimeout", "1");
        config.addDataSourceProperty("ApplicationName", "concierge-health");
        this.pool = new HikariDataSource(config);
    }

    @Override
    public Health health() {
        var result = check();
        lastDown = Status.DOWN.equals(result.getStatus()) ? clock.instant() : null;
        return result;
    }

    /**
     * Whether the database answers. A DOWN seen within the last two seconds is believed (so one health request does
     * not wait the check's timeout twice); an UP never is: a remembered UP from just before an outage would send
     * the caller into the application pool's 30 s wait.
     */
    boolean reachable() {
        var down = lastDown;
        if (down != null && clock.instant().isBefore(down.plus(BELIEVE_DOWN))) {
            return false;
        }
        return Status.UP.equals(health().getStatus());
    }

    private Health check() {
        try (var connection = pool.getConnection(); var statement = connection.createStatement()) {
            statement.setQueryTimeout((int) TIMEOUT.toSeconds());
            try (var result = statement.executeQuery("SELECT 1")) {
                result.next();
            }
            return Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName()).build();
        } catch (SQLException | RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
