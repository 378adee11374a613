package io.concierge.bench;

import io.concierge.support.ApiTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: the bulk onboarding figures of issue #12, through the API over real HTTP with a real token.
 * (1) One bulk job of {@code bench.tenants} (1,000) rows: tenants per second from the POST until every tenant is
 * published ACTIVE in Redis with its first versions ({@code meta.access_version} > 0), i.e. provisioned and
 * published end to end. (2) {@code bench.samples} (50) single {@code POST /api/v1/tenants}, one after the other, each
 * timed until its {@code status} key reads ACTIVE: median and p95. Prints one table; offboards what it created.
 * Run with {@code mvn -Pbenchmark verify -Dtest=BulkOnboardingBenchmark} against a database of its own (README).
 */
@Tag("benchmark")
// the production rate limit (application.yml), not the test suite's low one, which ApiAccessTests reaches on purpose
@TestPropertySource(properties = {"concierge.api.rate-limit.requests-per-minute=600",
        "concierge.api.rate-limit.burst=60"})
class BulkOnboardingBenchmark extends ApiTest {

    private static final int TENANTS = Integer.getInteger("bench.tenants", 1000);
    private static final int SAMPLES = Integer.getInteger("bench.samples", 50);
    private static final Duration POLL = Duration.ofMillis(20);

    @Autowired
    TenantService tenants;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void measure() throws Exception {
        var token = operatorToken();
        var prefix = "bk" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);

        var file = new StringBuilder("[");
        var slugs = new ArrayList<String>();
        for (int i = 0; i < TENANTS; i++) {
            var slug = prefix + "_" + i;
            slugs.add(slug);
            file.append(i == 0 ? "" : ",").append("{\"slug\":\"").append(slug).append("\",\"displayName\":\"Bulk ")
                    .append(i).append("\",\"contactEmail\":\"ops@").append(prefix).append(i).append(".example\"}");
        }
        file.append("]");
        long start = System.nanoTime();
        var job = post("/api/v1/bulk-jobs?fileName=benchmark", token, file.toString());
        assertThat(job.status()).as(job.toString()).isEqualTo(201);
        awaitPublished(slugs, Duration.ofMinutes(60));
        var bulkSeconds = (System.nanoTime() - start) / 1e9;
        var finished = get(job.header("Location"), token).json();

        var singles = new ArrayList<Double>();
        for (int i = 0; i < SAMPLES; i++) {
            var slug = prefix + "_s" + i;
            long t0 = System.nanoTime();
            var created = post("/api/v1/tenants", token,
                    Map.of("slug", slug, "displayName", "Single " + i, "contactEmail", "ops@single.example"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            while (!"ACTIVE".equals(redis.opsForValue().get(statusKey(slug)))) {
                if (System.nanoTime() - t0 > Duration.ofMinutes(2).toNanos()) {
                    throw new AssertionError(slug + " did not become ACTIVE in Redis within 2 minutes");
                }
                Thread.sleep(POLL.toMillis());
            }
            singles.add((System.nanoTime() - t0) / 1e6);
            slugs.add(slug);
        }
        singles.sort(Double::compare);

        var out = new StringBuilder();
        out.append("\n=== Bulk onboarding through the API (").append(Runtime.getRuntime().availableProcessors())
                .append(" cores) ===\n");
        out.append(String.format("bulk job of %d tenants, POST -> all ACTIVE and published in Redis: %.1f s, "
                + "%.1f tenants/s (created %s, failed %s)%n", TENANTS, bulkSeconds, TENANTS / bulkSeconds,
                finished.path("counts").path("CREATED").asText("?"), finished.path("counts").path("FAILED").asText("0")));
        out.append(String.format("single POST /api/v1/tenants -> ACTIVE in Redis, %d in a row: median %.0f ms, "
                + "p95 %.0f ms, max %.0f ms%n", SAMPLES, singles.get(singles.size() / 2),
                singles.get((int) Math.ceil(singles.size() * 0.95) - 1), singles.get(singles.size() - 1)));
        System.out.println(out);

        signIn(OPERATOR);
        List<TenantSummary> created = slugs.stream().map(s -> tenants.open(s).orElseThrow()).toList();
        BenchTenants.offboard(jdbc, tenants, created);
    }

    /** Waits until every tenant's status key reads ACTIVE and its roles' first version is published. */
    private void awaitPublished(List<String> slugs, Duration limit) throws InterruptedException {
        var pending = new LinkedHashSet<>(slugs);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(pending.size() + " tenants not published within " + limit);
            }
            var batch = new ArrayList<>(pending);
            var statuses = redis.opsForValue().multiGet(batch.stream().map(BulkOnboardingBenchmark::statusKey).toList());
            for (int i = 0; i < batch.size(); i++) {
                if ("ACTIVE".equals(statuses.get(i))) {
                    var access = redis.opsForHash().get("concierge:{" + batch.get(i) + "}:meta", "access_version");
                    if (access != null && !"0".equals(access)) {
                        pending.remove(batch.get(i));
                    }
                }
            }
            Thread.sleep(500);
        }
    }

    private static String statusKey(String slug) {
        return "concierge:{" + slug + "}:status";
    }
}
