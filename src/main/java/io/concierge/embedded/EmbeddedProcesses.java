package io.concierge.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The embedded server processes, one of each per JVM; only loaded when their binaries are on the classpath. */
final class EmbeddedProcesses {

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
                if (!isBlank(dataDir)) {
                    var dir = Path.of(dataDir, "postgres");
                    Files.createDirectories(dir);
                    builder.setDataDirectory(dir).setCleanDataDirectory(false);
                    where = dir.toAbsolutePath().toString();
                }
                postgres = builder.start();
                SpringApplication.getShutdownHandlers().add(EmbeddedProcesses::stopPostgres);
                log.info("Embedded PostgreSQL on 127.0.0.1:" + postgres.getPort() + ", data in " + where);
            }
            return Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
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
