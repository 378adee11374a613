package io.concierge.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A connection with superuser powers, for tests that attack or inspect what the console's own user may not touch
 * (disabling the audit trigger, SET ROLE to a tenant's role, another database's roles). The console itself never
 * runs as a superuser outside the demo (docs/postgres-contract.md); CI and the embedded server run the suite as the
 * application user, so only these connections have the powers.
 *
 * <p>The user is {@code postgres} unless {@code CONCIERGE_TEST_SUPERUSER} says otherwise, with the password in
 * {@code CONCIERGE_TEST_SUPERUSER_PASSWORD} (none on this machine's trust authentication and the embedded server).
 */
public final class Superuser {

    private Superuser() {
    }

    /** A new connection, to close after use, to the same database as {@code jdbcUrl}, as the superuser. */
    public static Connection connect(String jdbcUrl) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", env("CONCIERGE_TEST_SUPERUSER", "postgres"));
        properties.setProperty("password", env("CONCIERGE_TEST_SUPERUSER_PASSWORD", ""));
        // a user named in the URL would win over the one given here
        return DriverManager.getConnection(jdbcUrl.replaceAll("([?&])user=[^&]*&?", "$1"), properties);
    }

    private static String env(String name, String otherwise) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** The JDBC URL the console's pool connects to. */
    public static String urlOf(DataSource dataSource) throws SQLException {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        }
    }
}
