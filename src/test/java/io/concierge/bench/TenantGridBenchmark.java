package io.concierge.bench;

import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantFilter;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;

/**
 * The operators' tenants grid with 10,000 tenants: one page plus the count, as the lazy grid asks for them,
 * for each kind of filter. Target: under 100 ms. Run with {@code mvn -Pbenchmark verify}.
 */
@Tag("benchmark")
class TenantGridBenchmark extends IntegrationTest {

    private static final int TENANTS = 10_000;
    private static final int RUNS = 50;

    @Autowired
    TenantService tenants;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void tenThousandTenants() {
        jdbc.update("""
                INSERT INTO concierge.tenant (id, slug, display_name, contact_email, status, changelog_version,
                                              created_at, updated_at)
                SELECT gen_random_uuid(), 'benchgrid_' || i, 'Bench Partner ' || i, 'ops' || i || '@bench.example',
                       (ARRAY['ACTIVE','ACTIVE','ACTIVE','SUSPENDED','FAILED'])[1 + i % 5], '1.0.0',
                       now() - (i || ' minutes')::interval, now()
                  FROM generate_series(1, ?) AS i""", TENANTS);
        jdbc.execute("ANALYZE concierge.tenant");
    }

    @AfterEach
    void removeThem() {
        jdbc.update("DELETE FROM concierge.tenant WHERE slug LIKE 'benchgrid\\_%'");
    }

    @Test
    void tenants_grid_pages_answer_in_under_100_ms_with_10000_tenants() {
        signIn(OPERATOR);
        var cases = new LinkedHashMap<String, Runnable>();
        var bySlug = PageRequest.of(0, 50, Sort.by("slug"));
        cases.put("first page, no filter, by slug", () -> page(TenantFilter.ALL, bySlug));
        cases.put("page 150, no filter, by slug", () -> page(TenantFilter.ALL, PageRequest.of(150, 50, Sort.by("slug"))));
        cases.put("slug contains '77'", () -> page(new TenantFilter("77", null, null), bySlug));
        cases.put("name contains 'partner 12'", () -> page(new TenantFilter(null, "partner 12", null), bySlug));
        cases.put("status SUSPENDED, newest first", () -> page(new TenantFilter(null, null, TenantStatus.SUSPENDED),
                PageRequest.of(0, 50, Sort.by(Sort.Direction.DESC, "createdAt"))));
        System.out.printf("%nTenants grid, %,d tenants, page of 50 + count, %d runs each%n", TENANTS, RUNS);
        System.out.printf("%-36s %10s %10s%n", "query", "median ms", "p95 ms");
        cases.forEach((name, query) -> {
            for (int i = 0; i < 5; i++) {
                query.run();
            }
            var times = new ArrayList<Double>();
            for (int i = 0; i < RUNS; i++) {
                var start = System.nanoTime();
                query.run();
                times.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(times);
            System.out.printf("%-36s %10.1f %10.1f%n", name, times.get(RUNS / 2), times.get((int) (RUNS * 0.95)));
        });
    }

    private void page(TenantFilter filter, PageRequest request) {
        tenants.search(filter, request).getContent();
        tenants.count(filter);
    }
}
