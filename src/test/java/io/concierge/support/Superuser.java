package io.concierge.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A connection of the PostgreSQL superuser to the console's own database, for tests that play an attacker with
 * full database powers (or check roles and privileges): never the console's pooled connections.
 */
public final class Superuser {

    private Superuser() {
    }

    /** Opens a superuser connection (user {@code postgres}, trust authentication on loopback) to {@code jdbcUrl}. */
    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", System.getenv().getOrDefault("PGPASSWORD", ""));
    }

    /** The JDBC URL the console's pool connects to. */
    public static String urlOf(DataSource dataSource) throws SQLException {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        }
    }
}
