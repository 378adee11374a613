package io.concierge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.provisioning.internal.TemplateSchema;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.support.IntegrationTest;
import io.concierge.support.Superuser;
import io.concierge.support.TestTenants;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    private static final String SCHEMA = "concierge_ops_" + java.util.UUID.randomUUID().toString().substring(0, 8);
    private static String cleanupUrl;

    @LocalServerPort
    int port;

    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;
    @Autowired
    TemplateSchema templates;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> REDIS_PORT);
        registry.add("spring.data.redis.timeout", () -> "1s");
        // a publication waiting a second counts as overdue, so the backlog test need not wait two minutes
        registry.add("concierge.ops.backlog-threshold", () -> "PT1S");
        // a console schema of its own: publication workers of other test contexts (same database, another
        // Redis) would otherwise deliver this context's held-up publications
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.default-schema", () -> SCHEMA);
        registry.add("spring.jpa.properties.hibernate.default_schema", () -> SCHEMA);
    }

    @Autowired
    void rememberDatabase(@Value("${spring.datasource.url}") String url) {
        cleanupUrl = url;
    }

    @AfterAll
    static void stopRedisAndDropSchema() throws IOException, SQLException {
        REDIS.stop();
        if (cleanupUrl != null) {
            // the schema belongs to Flyway's user, which the console's own may not drop
            try (var su = Superuser.connect(cleanupUrl); var st = su.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
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
        // back once the client has reconnected (its back-off is capped at 500 ms) and a ping has answered
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() ->
                "UP".equals(JSON.readTree(get("/actuator/health", null).body()).at("/components/redis/status").asText()));
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

    @Test
    void prometheus_shows_provisioning_runs_and_steps_by_outcome_and_publishes_after_a_save() throws Exception {
        var tenant = TestTenants.active(tenants, uniqueSlug("metrics"));
        signIn(OPERATOR);
        var saved = store.save(tenant.id(), tenant.slug(), ConfigArea.BRANDING, 0, "{\"displayName\":\"Metrics\"}",
                "metrics test");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape())
                .containsPattern("concierge_provisioning_seconds_count\\{[^}]*kind=\"provision\",outcome=\"success\"")
                .containsPattern("concierge_provisioning_step_seconds_count\\{[^}]*outcome=\"success\",step=\"verified\"")
                .containsPattern("concierge_liquibase_update_seconds_count\\{")
                .containsPattern("concierge_publish_seconds_count\\{[^}]*mode=\"normal\",outcome=\"written\"")
                .containsPattern("concierge_publication_backlog\\{")
                .containsPattern("concierge_reconcile_drift_total\\{[^}]*result=\"found\"")
                .containsPattern("concierge_fleet_upgrade_remaining\\{"));
        assertThat(saved.version()).isEqualTo(1);
    }

    @Test
    void a_failed_provisioning_run_is_counted_with_the_failing_step() throws Exception {
        // The template must exist (and be remembered) before it is tampered with: provision one tenant first.
        TestTenants.active(tenants, uniqueSlug("metrics_ok"));
        var template = templates.current().schema().quoted();
        // A column the template's fingerprint does not know (copies take their tables' structure from the template):
        // every copy now fails verification, for real.
        jdbc.execute("ALTER TABLE " + template + ".asset_types ADD COLUMN metrics_test_stray int");
        try {
            signIn(OPERATOR);
            var tenant = tenants.register(new NewTenant(uniqueSlug("metrics_bad"), "Bad", "ops@bad.example", null))
                    .tenant();
            var failed = await().atMost(Duration.ofSeconds(60))
                    .until(() -> Actors.callAs(CurrentUser.SYSTEM, () -> tenants.find(tenant.id()).orElseThrow()), t -> t.status() != TenantStatus.PROVISIONING);
            assertThat(failed.status()).isEqualTo(TenantStatus.FAILED);
        } finally {
            jdbc.execute("ALTER TABLE " + template + ".asset_types DROP COLUMN IF EXISTS metrics_test_stray");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrape())
                .containsPattern("concierge_provisioning_seconds_count\\{[^}]*kind=\"provision\",outcome=\"failure\"")
                .containsPattern("concierge_provisioning_step_seconds_count\\{[^}]*outcome=\"failure\",step=\"verified\""));
    }

    @Test
    void a_publication_held_up_longer_than_the_threshold_degrades_health_until_it_is_delivered() throws Exception {
        var tenant = TestTenants.active(tenants, uniqueSlug("backlog"));
        signIn(OPERATOR);
        REDIS.stop();
        try {
            store.save(tenant.id(), tenant.slug(), ConfigArea.BRANDING, 0, "{\"displayName\":\"Held up\"}", "backlog");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                var body = JSON.readTree(get("/actuator/health", null).body());
                assertThat(body.at("/components/publicationBacklog/status").asText()).isEqualTo("DEGRADED");
            });
            assertThat(scrape()).as("the pending tenant is on the gauge")
                    .doesNotContainPattern("concierge_publication_backlog\\{[^}]*\\} 0\\.0");
        } finally {
            REDIS.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(JSON.readTree(
                get("/actuator/health", null).body()).at("/components/publicationBacklog/status").asText())
                .isEqualTo("UP"));
    }

    private String scrape() throws IOException, InterruptedException {
        var response = get("/actuator/prometheus", "scraper:scrape-test-password");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
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
