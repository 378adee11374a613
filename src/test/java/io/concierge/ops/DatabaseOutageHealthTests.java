package io.concierge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.support.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health and the probes while PostgreSQL is down, as an orchestrator sees them over HTTP. The application runs
 * against a real PostgreSQL of this test's own (embedded, on a port and data directory of its own), which the test
 * stops and starts again; the machine's shared server is never touched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseOutageHealthTests extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a Kubernetes probe would allow (timeoutSeconds: 2). */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Path DATA = dataDirectory();
    private static final int PORT = freePort();
    private static EmbeddedPostgres postgres = start();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @Test
    void with_the_database_stopped_health_and_readiness_answer_503_down_quickly_and_recover() throws Exception {
        // a cold first request (class loading, the first queries) is not what a probe sees in steady state
        assertThat(get("/actuator/health", Duration.ofSeconds(30)).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", PROBE_TIMEOUT).statusCode()).isEqualTo(200);

        postgres.close();
        try {
            // the first request after the outage may wake idle code paths; every later probe must be quick
            get("/actuator/health", Duration.ofSeconds(30));
            for (int i = 0; i < 3; i++) {
                var health = get("/actuator/health", PROBE_TIMEOUT);
                assertThat(health.statusCode()).as("not in rotation, not a login redirect, not a 500").isEqualTo(503);
                assertThat(health.headers().firstValue("Location")).isEmpty();
                var body = JSON.readTree(health.body());
                assertThat(body.at("/status").asText()).isEqualTo("DOWN");
                assertThat(body.at("/components/db/status").asText()).isEqualTo("DOWN");
                assertThat(body.at("/components/publicationBacklog/status").asText())
                        .as("reports DOWN instead of throwing").isEqualTo("DOWN");

                var readiness = get("/actuator/health/readiness", PROBE_TIMEOUT);
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(status(readiness)).isEqualTo("DOWN");

                var liveness = get("/actuator/health/liveness", PROBE_TIMEOUT);
                assertThat(liveness.statusCode()).as("the process is alive: restarting it would not help")
                        .isEqualTo(200);
                assertThat(status(liveness)).isEqualTo("UP");
            }
        } finally {
            postgres = start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var health = get("/actuator/health", PROBE_TIMEOUT);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).at("/components/db/status").asText()).isEqualTo("UP");
            assertThat(get("/actuator/health/readiness", PROBE_TIMEOUT).statusCode()).isEqualTo(200);
        });
    }

    private static String status(HttpResponse<String> response) throws IOException {
        JsonNode body = JSON.readTree(response.body());
        return body.at("/status").asText();
    }

    private HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout).build();
        var started = System.nanoTime();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } finally {
            // on a loaded machine the figures explain a timeout better than the timeout itself
            System.out.printf("GET %s took %d ms%n", path, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Starts (or restarts, on the kept data directory) this test's own PostgreSQL. */
    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().setPort(PORT).setDataDirectory(DATA).setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dataDirectory() {
        try {
            return Files.createTempDirectory("concierge-outage-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
