package io.concierge.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Sets a PostgreSQL server of a test's own (one it stops, crashes or restarts) up as production is set up
 * ({@code db/users.sql}: an owner for Flyway, the console's non-superuser application user, the platform's login
 * role) and points the test's console at it as that application user, so such tests run the console exactly as
 * the rest of the suite does.
 */
public final class ConsoleUsers {

    public static final String OWNER = "concierge_owner";
    public static final String APP = "concierge_app";
    public static final String PLATFORM = "concierge_platform";

    private ConsoleUsers() {
    }

    /** {@code jdbcUrl} names the server and database, with no user; the server's superuser is {@code postgres}. */
    public static void setUp(String jdbcUrl, DynamicPropertyRegistry registry) {
        try (var admin = DriverManager.getConnection(jdbcUrl, "postgres", "");
             var statement = admin.createStatement();
             var in = ConsoleUsers.class.getResourceAsStream("/db/users.sql")) {
            statement.execute("SET concierge.owner_user = '" + OWNER + "'");
            statement.execute("SET concierge.app_user = '" + APP + "'");
            statement.execute("SET concierge.platform_user = '" + PLATFORM + "'");
            statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up the console's database users: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("spring.datasource.url", () -> jdbcUrl);
        registry.add("spring.datasource.username", () -> APP);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.user", () -> OWNER);
        registry.add("spring.flyway.password", () -> "");
        registry.add("concierge.tenant-roles.platform-role", () -> PLATFORM);
    }
}
