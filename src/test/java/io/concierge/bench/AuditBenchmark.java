package io.concierge.bench;

import io.concierge.audit.AuditArea;
import io.concierge.audit.AuditEntry;
import io.concierge.audit.AuditFilter;
import io.concierge.audit.AuditLog;
import io.concierge.audit.ExportFormat;
import io.concierge.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit history at 1,000,000 entries across 1,000 tenants: filtered first pages and pages deep into the
 * results must answer in under 100 ms, and a 100,000-entry export must stream in bounded memory.
 *
 * <p>Runs against its own database ({@code <configured database>_bench}, created on first run) so the million
 * rows never slow the normal suite. The rows are bulk-inserted with {@code generate_series}; their hashes are
 * placeholders, not a valid chain (integrity verification is not what is measured here).
 *
 * <p>{@code mvn -Pbenchmark verify -Dtest=AuditBenchmark} (figures in docs/benchmarks/audit.md).
 */
@Tag("benchmark")
class AuditBenchmark extends IntegrationTest {

    private static final int ENTRIES = 1_000_000;
    private static final int TENANTS = 1_000;
    private static final int RUNS = 30;
    private static final double BUDGET_MS = 100;

    @Autowired
    AuditLog log;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws SQLException {
        var configured = System.getenv().getOrDefault("SPRING_DATASOURCE_URL",
                "jdbc:postgresql://127.0.0.1:5432/concierge");
        var base = configured.contains("?") ? configured.substring(0, configured.indexOf('?')) : configured;
        var name = base.substring(base.lastIndexOf('/') + 1) + "_bench";
        var server = base.substring(0, base.lastIndexOf('/') + 1);
        var user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres");
        try (var c = DriverManager.getConnection(server + "postgres", user, System.getenv("SPRING_DATASOURCE_PASSWORD"));
             var s = c.createStatement();
             var exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            if (!exists.next()) {
                s.execute("CREATE DATABASE " + name);
            }
        }
        registry.add("spring.datasource.url", () -> server + name);
    }

    @BeforeEach
    void aMillionEntries() {
        signIn(AUDITOR);
        var present = jdbc.queryForObject("SELECT count(*) FROM concierge.audit_entry WHERE tenant_slug LIKE 'bench%'",
                Long.class);
        if (present >= ENTRIES) {
            return;
        }
        var started = System.nanoTime();
        // one row in seven is a configuration save with before/after JSON; times grow with id as on the chain
        jdbc.update("""
                INSERT INTO concierge.audit_entry (occurred_at, actor, actor_role, tenant_id, tenant_slug, area, action,
                    target, detail, before_json, after_json, client_address, produced_version, prev_hash, hash)
                SELECT (SELECT coalesce(max(occurred_at), now()) FROM concierge.audit_entry) + g * interval '50 milliseconds',
                       'user' || (g % 200), 'OPERATOR', md5('tenant' || (g % ?))::uuid,
                       'bench_' || lpad((g % ?)::text, 4, '0'),
                       (ARRAY['tenant','branding','rules','access','users','sign-in','refusal'])[1 + g % 7],
                       (ARRAY['tenant.suspended','configuration.saved','configuration.saved','configuration.saved',
                              'user.created','login.succeeded','access.refused'])[1 + g % 7],
                       'target ' || g, 'detail of entry ' || g,
                       CASE WHEN g % 7 IN (1, 2, 3) THEN '{"color":"red","limit":' || (g - 7) || '}' END,
                       CASE WHEN g % 7 IN (1, 2, 3) THEN '{"color":"blue","limit":' || g || '}' END,
                       '127.0.0.1', CASE WHEN g % 7 IN (1, 2, 3) THEN g / 7 END,
                       repeat('0', 64), md5(g::text) || md5(g::text)
                FROM generate_series(1, ?) g ORDER BY g
                """, TENANTS, TENANTS, ENTRIES - present);
        jdbc.execute("ANALYZE concierge.audit_entry");
        System.out.printf("inserted %,d entries in %.1f s%n", ENTRIES - present, (System.nanoTime() - started) / 1e9);
    }

    @Test
    void pages_answer_in_under_100_ms_at_a_million_entries() {
        var tenant = AuditFilter.ALL.withTenantSlug("bench_0042");
        var tenantPages = walk(tenant, 19);
        var branding = new AuditFilter(null, null, null, AuditArea.BRANDING, null, null, null);
        var deepBrandingCursor = jdbc.queryForObject(
                "SELECT id FROM concierge.audit_entry WHERE area = 'branding' ORDER BY id LIMIT 1 OFFSET 1000", Long.class);
        var ids = jdbc.queryForList("SELECT min(id), max(id) FROM concierge.audit_entry WHERE tenant_slug LIKE 'bench%'")
                .get(0);
        var first = ((Number) ids.get("min")).longValue();
        var middle = jdbc.queryForObject("SELECT occurred_at FROM concierge.audit_entry WHERE id = ?",
                OffsetDateTime.class, first + ENTRIES / 2).toInstant();
        var dayRange = new AuditFilter("bench_0042", null, null, null, middle, middle.plusSeconds(3_600), null);

        var results = new ArrayList<String>();
        results.add(measure("tenant filter, first page", () -> log.page(tenant, null, 50)));
        results.add(measure("tenant filter, page 20 (cursor)", () -> log.page(tenant, tenantPages, 50)));
        results.add(measure("tenant filter, grid offset 500 from nearest cursor", () -> log.page(tenant, null, 500, 50)));
        results.add(measure("area filter (143k matches), first page", () -> log.page(branding, null, 50)));
        results.add(measure("area filter, page at the oldest 1,000 (cursor)", () -> log.page(branding, deepBrandingCursor, 50)));
        results.add(measure("no filter, page 1,000,000 rows deep (cursor)", () -> log.page(AuditFilter.ALL, first + 60, 50)));
        results.add(measure("tenant + one-hour date range", () -> log.page(dayRange, null, 50)));
        results.add(measure("tenant + free text", () -> log.page(new AuditFilter("bench_0042", null, null, null, null,
                null, "entry 99"), null, 50)));
        results.add(measure("actor + area, first page", () -> log.page(new AuditFilter(null, "user7", null,
                AuditArea.USERS, null, null, null), null, 50)));
        results.forEach(System.out::println);
        assertThat(results).noneMatch(r -> r.contains("OVER BUDGET"));
    }

    @Test
    void a_hundred_thousand_entry_export_streams_in_bounded_memory() {
        var first = jdbc.queryForObject("SELECT min(id) FROM concierge.audit_entry WHERE tenant_slug LIKE 'bench%'",
                Long.class);
        var from = jdbc.queryForObject("SELECT occurred_at FROM concierge.audit_entry WHERE id = ?",
                OffsetDateTime.class, first + 200_000).toInstant();
        // 100,000 entries at 50 ms apart
        var filter = new AuditFilter(null, null, null, null, from, from.plusSeconds(5_000), null);
        var out = new HeapSamplingStream(10_000);
        var started = System.nanoTime();
        log.export(filter, ExportFormat.CSV, out);
        var seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("export: %,d rows, %,d bytes in %.1f s; live heap after GC: baseline %,d MB, max %,d MB "
                        + "(growth %,d MB) over %d samples%n", out.lines - 1, out.bytes, seconds, out.baseline / 1_048_576,
                out.max / 1_048_576, (out.max - out.baseline) / 1_048_576, out.samples);
        assertThat(out.lines - 1).isEqualTo(100_000);
        // a list of 100,000 entries with their JSON would hold well over 60 MB; streaming stays near flat
        assertThat(out.max - out.baseline).isLessThan(32L * 1_048_576);
    }

    /** Walks {@code pages} pages of 50 and returns the cursor after them. */
    private Long walk(AuditFilter filter, int pages) {
        Long cursor = null;
        for (int i = 0; i < pages; i++) {
            List<AuditEntry> page = log.page(filter, cursor, 50);
            cursor = page.get(page.size() - 1).id();
        }
        return cursor;
    }

    private static String measure(String what, Supplier<List<AuditEntry>> query) {
        for (int i = 0; i < 5; i++) {
            query.get(); // warm up the JIT, the pool and PostgreSQL's cache
        }
        var times = new double[RUNS];
        int rows = 0;
        for (int i = 0; i < RUNS; i++) {
            var t = System.nanoTime();
            rows = query.get().size();
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        var median = times[RUNS / 2];
        var p95 = times[(int) Math.ceil(RUNS * 0.95) - 1];
        return String.format("| %s | %d | %.1f | %.1f | %.1f |%s", what, rows, median, p95, times[RUNS - 1],
                p95 > BUDGET_MS ? " OVER BUDGET" : "");
    }

    /** Discards what is written, counting lines; every N lines forces a GC and samples the live heap. */
    private static final class HeapSamplingStream extends OutputStream {
        private final int every;
        private final long baseline;
        long lines;
        long bytes;
        long max;
        int samples;

        HeapSamplingStream(int every) {
            this.every = every;
            this.baseline = liveHeap();
            this.max = baseline;
        }

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n' && ++lines % every == 0) {
                max = Math.max(max, liveHeap());
                samples++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        private static long liveHeap() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }
}
