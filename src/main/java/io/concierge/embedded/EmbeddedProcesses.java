package io.concierge.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** The embedded server processes, one of each per JVM; only loaded when their binaries are on the classpath. */
final class EmbeddedProcesses {

    /** The names users.sql documents; the platform role is the default for a database called concierge. */
    static final String DATABASE = "concierge";
    static final String OWNER_USER = "concierge_owner";
    static final String APP_USER = "concierge_app";
    static final String PLATFORM_USER = "concierge_platform";

    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;

    private EmbeddedProcesses() {
    }

    static synchronized Map<String, Object> postgres(String dataDir, Log log) {
        try {
            if (postgres == null) {
                var builder = EmbeddedPostgres.builder().setPort(freePort());
                String where = "a temporary directory, removed on stop";
                // The server's own log goes to a file, not the console's: it reports statements that fail on
                // purpose (Liquibase probing for its lock table) as "ERROR:", which is not the console's error.
                Path serverLog = Files.createTempFile("concierge-embedded-postgres", ".log");
                if (!isBlank(dataDir)) {
                    var dir = Path.of(dataDir, "postgres");
                    Files.createDirectories(dir);
                    builder.setDataDirectory(dir).setCleanDataDirectory(false);
                    where = dir.toAbsolutePath().toString();
                    serverLog = Path.of(dataDir, "postgres.log");
                }
                var redirect = ProcessBuilder.Redirect.appendTo(serverLog.toFile());
                builder.setOutputRedirector(redirect).setErrorRedirector(redirect);
                postgres = builder.start();
                SpringApplication.getShutdownHandlers().add(EmbeddedProcesses::stopPostgres);
                log.info("Embedded PostgreSQL on 127.0.0.1:" + postgres.getPort() + ", data in " + where
                        + ", its log in " + serverLog.toAbsolutePath());
                createUsers();
            }
            // no user in the URL: it would win over Flyway's user
            return Map.of("spring.datasource.url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE,
                    "spring.datasource.username", APP_USER,
                    "spring.datasource.password", "",
                    "spring.flyway.user", OWNER_USER,
                    "spring.flyway.password", "");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    /**
     * Sets the server up as production is (src/main/resources/db/users.sql): a database of the console's own, owned
     * by the user Flyway runs as, the console's non-superuser application user, and the platform's login role.
     */
    private static void createUsers() throws IOException {
        String script;
        try (var in = EmbeddedProcesses.class.getResourceAsStream("/db/users.sql")) {
            if (in == null) {
                throw new IOException("db/users.sql is not on the classpath");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (var admin = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             var statement = admin.createStatement()) {
            try (var rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IOException("could not create the embedded database " + DATABASE, e);
        }
        try (var admin = DriverManager.getConnection(postgres.getJdbcUrl("postgres", DATABASE));
             var statement = admin.createStatement()) {
            statement.execute("SET concierge.owner_user = '" + OWNER_USER + "'");
            statement.execute("SET concierge.app_user = '" + APP_USER + "'");
            statement.execute("SET concierge.platform_user = '" + PLATFORM_USER + "'");
            statement.execute(script);
        } catch (SQLException e) {
            throw new IOException("could not create the console's database users: " + e.getMessage(), e);
        }
    }

    static synchronized Map<String, Object> redis(String dataDir, Log log) {
        try {
            if (redis == null) {
                redisPort = freePort();
                var builder = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1");
                String where = "memory only, nothing kept";
                if (isBlank(dataDir)) {
                    builder.setting("save \"\"").setting("appendonly no");
                } else {
                    var dir = Path.of(dataDir, "redis");
                    Files.createDirectories(dir);
                    builder.setting("dir " + dir.toAbsolutePath()).setting("save 60 1");
                    where = dir.toAbsolutePath().toString();
                }
                redis = builder.build();
                redis.start();
                SpringApplication.getShutdownHandlers().add(EmbeddedProcesses::stopRedis);
                log.info("Embedded Redis on 127.0.0.1:" + redisPort + ", data in " + where);
            }
            return Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", redisPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Redis", e);
        }
    }

    private static synchronized void stopPostgres() {
        try {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        } catch (IOException ignored) {
            // the JVM is exiting; the server process dies with it
        }
    }

    private static synchronized void stopRedis() {
        try {
            if (redis != null) {
                redis.stop();
                redis = null;
            }
        } catch (IOException ignored) {
            // the JVM is exiting; the server process dies with it
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
