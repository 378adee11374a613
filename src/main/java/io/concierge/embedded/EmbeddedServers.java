package io.concierge.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a real PostgreSQL and a real Redis from Maven-served binaries when
 * {@code concierge.embedded.enabled=true} and no server is configured, and points Spring's standard
 * properties at them. A configured {@code spring.datasource.url} or {@code spring.data.redis.url}/{@code host}/
 * {@code cluster.nodes} always wins. One pair of servers serves the whole JVM (test contexts share it).
 */
public class EmbeddedServers implements EnvironmentPostProcessor {

    /** The names users.sql documents; the platform role is the default for a database called concierge. */
    static final String DATABASE = "concierge";
    static final String OWNER_USER = "concierge_owner";
    static final String APP_USER = "concierge_app";
    static final String PLATFORM_USER = "concierge_platform";

    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("concierge.embedded.enabled", Boolean.class, false)) {
            return;
        }
        var dataDir = env.getProperty("concierge.embedded.data-dir", "");
        var properties = new HashMap<String, Object>();
        if (isBlank(env.getProperty("spring.datasource.url"))) {
            properties.putAll(startPostgres(dataDir));
        }
        if (isBlank(env.getProperty("spring.data.redis.url")) && isBlank(env.getProperty("spring.data.redis.host"))
                && isBlank(env.getProperty("spring.data.redis.cluster.nodes"))) {
            properties.putAll(startRedis(dataDir));
        }
        if (!properties.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource("concierge-embedded-servers", properties));
        }
    }

    private static synchronized Map<String, Object> startPostgres(String dataDir) {
        try {
            if (postgres == null) {
                var builder = EmbeddedPostgres.builder().setPort(freePort());
                if (!isBlank(dataDir)) {
                    var dir = Path.of(dataDir, "postgres");
                    Files.createDirectories(dir);
                    builder.setDataDirectory(dir).setCleanDataDirectory(false);
                }
                postgres = builder.start();
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::stopPostgres, "embedded-postgres-stop"));
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
        try (var in = EmbeddedServers.class.getResourceAsStream("/db/users.sql")) {
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

    private static synchronized Map<String, Object> startRedis(String dataDir) {
        try {
            if (redis == null) {
                redisPort = freePort();
                var builder = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1");
                if (isBlank(dataDir)) {
                    builder.setting("save \"\"").setting("appendonly no");
                } else {
                    var dir = Path.of(dataDir, "redis");
                    Files.createDirectories(dir);
                    builder.setting("dir " + dir.toAbsolutePath()).setting("save 60 1");
                }
                redis = builder.build();
                redis.start();
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::stopRedis, "embedded-redis-stop"));
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
            }
        } catch (IOException ignored) {
            // the JVM is exiting; the server process dies with it
        }
    }

    private static synchronized void stopRedis() {
        try {
            if (redis != null) {
                redis.stop();
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
