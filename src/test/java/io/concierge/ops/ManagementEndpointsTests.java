package io.concierge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health and metrics as a load balancer and Prometheus see them, over HTTP. This context talks to a Redis of its
 * own, so the test can stop it without disturbing anything else. Metrics export is on, as in production
 * (Spring Boot switches it off in tests by default).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
class ManagementEndpointsTests extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REDIS_PORT = freePort();
    private static final RedisServer REDIS = startRedis();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> REDIS_PORT);
        registry.add("spring.data.redis.timeout", () -> "1s");
    }

    @AfterAll
    static void stopRedis() throws IOException {
        REDIS.stop();
    }

    @Test
    void health_reports_database_redis_and_publication_backlog_and_probes_answer() throws Exception {
        var health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        var body = JSON.readTree(health.body());
        assertThat(body.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(body.at("/components/redis/status").asText()).isEqualTo("UP");
        assertThat(body.at("/components/publicationBacklog/status").asText()).isIn("UP", "DEGRADED");
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void a_stopped_redis_degrades_health_without_taking_the_console_down() throws Exception {
        REDIS.stop();
        try {
            var health = get("/actuator/health", null);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.at("/components/redis/status").asText()).isEqualTo("DEGRADED");
            assertThat(body.at("/status").asText()).isEqualTo("DEGRADED");
            assertThat(health.statusCode()).as("still in rotation").isEqualTo(200);
            assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        } finally {
            REDIS.start();
        }
        var body = JSON.readTree(get("/actuator/health", null).body());
        assertThat(body.at("/components/redis/status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheus_needs_the_scrape_credentials_and_shows_console_metrics() throws Exception {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "ops:ops-test-password").statusCode())
                .as("console users are not scrapers").isEqualTo(401);
        assertThat(get("/actuator/env", "scraper:scrape-test-password").headers().firstValue("Content-Type"))
                .as("the environment endpoint is not exposed").hasValueSatisfying(type -> assertThat(type)
                        .doesNotContain("actuator"));
        var metrics = get("/actuator/prometheus", "scraper:scrape-test-password");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("concierge_logins_total{", "concierge_lockouts_total",
                "concierge_access_refused_total");
    }

    private HttpResponse<String> get(String path, String basic) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (basic != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RedisServer startRedis() {
        try {
            var server = RedisServer.newRedisServer().port(REDIS_PORT).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
