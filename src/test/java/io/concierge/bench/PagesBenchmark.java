package io.concierge.bench;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.grid.Grid;
import io.concierge.onboarding.OnboardingService;
import io.concierge.provisioning.FleetUpgrades;
import io.concierge.publishing.PublicationFilter;
import io.concierge.publishing.PublishingService;
import io.concierge.support.KaribuTest;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantFilter;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

import static com.github.mvysny.kaributesting.v10.GridKt._fetch;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.awaitility.Awaitility.await;

/**
 * Not a test: the operators' pages at 10,000 tenants (docs/benchmarks/fleet.md), timed as the server serves them:
 * navigation to the page (the view built, its queries run) plus the first page of every grid on it, as the
 * browser's first round trip asks for them. The tenants are rows made in SQL (no schemas: the pages read only the
 * console's tables), each with the configuration versions, publication rows and audit entries a real tenant has,
 * copied from one tenant registered through the real path. Target: every page under 100 ms.
 * <pre>mvn -Pbenchmark verify -Dtest=PagesBenchmark [-Dbench.tenants=10000]</pre>
 */
@Tag("benchmark")
class PagesBenchmark extends KaribuTest {

    private static final int TENANTS = Integer.getInteger("bench.tenants", 10_000);
    private static final int RUNS = 30;

    @Autowired
    TenantService tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OnboardingService onboarding;
    @Autowired
    PublishingService publishing;
    @Autowired
    FleetUpgrades fleet;

    @Test
    void measure() {
        var seed = TestTenants.active(tenants, uniqueSlug("pseed"));
        // its seeded roles saved and published: the rows every synthetic tenant copies
        await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM concierge.publication_area WHERE tenant_id = ? AND published_version > 0""",
                Integer.class, seed.id().value()) > 0);
        int existing = jdbc.queryForObject("SELECT count(*) FROM concierge.tenant WHERE slug LIKE 'page\\_%'", Integer.class);
        synthesize(seed.id().value(), existing);
        login(OPERATOR);
        var pages = new LinkedHashMap<String, String>();
        pages.put("operators' home", "");
        pages.put("tenants grid", "tenants");
        pages.put("tenants grid, status FAILED", "tenants?status=FAILED");
        pages.put("schema upgrades", "fleet");
        pages.put("publishing", "publishing");
        pages.put("publishing, failing only", "publishing?state=failing");
        pages.put("audit log", "audit");
        pages.put("audit log, one tenant", "audit?tenant=page_04242");
        var out = new StringBuilder(String.format("%n=== Pages at %,d tenants (%,d audit entries), %d cores ===%n",
                jdbc.queryForObject("SELECT count(*) FROM concierge.tenant", Integer.class),
                jdbc.queryForObject("SELECT count(*) FROM concierge.audit_entry", Long.class),
                Runtime.getRuntime().availableProcessors()));
        out.append("start: ").append(Uptime.now()).append('\n');
        out.append(String.format("%-32s %10s %10s%n", "page (navigate + first grid page)", "median ms", "p95 ms"));
        pages.forEach((name, location) -> out.append(time(name, location)));
        out.append(String.format("%n%-32s %10s %10s%n", "of which (service calls)", "median ms", "p95 ms"));
        var bySlug = PageRequest.of(0, 50, Sort.by("slug"));
        var page = tenants.search(TenantFilter.ALL, bySlug).getContent().stream().map(TenantSummary::id).toList();
        var calls = new LinkedHashMap<String, Runnable>();
        calls.put("tenants: page of 50 by slug", () -> tenants.search(TenantFilter.ALL, bySlug).getContent());
        calls.put("tenants: count", () -> tenants.count(TenantFilter.ALL));
        calls.put("checklist column of 50", () -> onboarding.progress(page));
        calls.put("publishing: page of 50", () -> publishing.page(PublicationFilter.ALL, bySlug));
        calls.put("publishing: three counts", () -> {
            for (var filter : PublicationFilter.values()) {
                publishing.count(filter);
            }
        });
        calls.put("fleet: overview", () -> fleet.overview());
        calls.put("fleet: first page behind", () -> fleet.behind(PageRequest.of(0, 50)));
        calls.forEach((name, call) -> out.append(time(name, () -> {
            call.run();
            return null;
        })));
        out.append("end: ").append(Uptime.now()).append('\n');
        System.out.println(out);
    }

    /** Tenants page_00000.., in the proportions of a real fleet, with what the seed tenant has, copied. */
    private void synthesize(java.util.UUID seed, int from) {
        jdbc.update("""
                INSERT INTO concierge.tenant (id, slug, display_name, contact_email, status, changelog_version,
                                              created_at, updated_at)
                SELECT gen_random_uuid(), format('page_%s', lpad(i::text, 5, '0')), 'Page Partner ' || i,
                       'ops' || i || '@page.example',
                       CASE WHEN i % 50 = 7 THEN 'FAILED' WHEN i % 25 = 3 THEN 'SUSPENDED'
                            WHEN i % 40 = 11 THEN 'OFFBOARDED' ELSE 'ACTIVE' END,
                       CASE WHEN i % 20 = 0 THEN '1.0.0' ELSE (SELECT changelog_version FROM concierge.tenant WHERE id = ?) END,
                       now() - (i || ' minutes')::interval, now()
                  FROM generate_series(?, ?) AS i""", seed, from, Math.max(from, TENANTS) - 1);
        jdbc.update("""
                INSERT INTO concierge.config_version (tenant_id, area, version, content, author, comment, created_at)
                SELECT t.id, v.area, v.version, v.content, v.author, v.comment, t.created_at
                  FROM concierge.tenant t CROSS JOIN concierge.config_version v
                 WHERE t.slug LIKE 'page\\_%' AND v.tenant_id = ?
                   AND NOT EXISTS (SELECT 1 FROM concierge.config_version c WHERE c.tenant_id = t.id)""", seed);
        jdbc.update("""
                INSERT INTO concierge.publication (tenant_id, sequence, published_sequence, published_status,
                                                   published_at, attempts, last_error, changed_at, pending_since)
                SELECT t.id, 4, CASE WHEN t.slug LIKE '%3' THEN 3 ELSE 4 END, t.status, t.created_at,
                       CASE WHEN t.slug LIKE '%13' THEN 3 ELSE 0 END,
                       CASE WHEN t.slug LIKE '%13' THEN 'Redis answered: READONLY You can''t write against a read only replica.' END,
                       t.created_at, CASE WHEN t.slug LIKE '%3' THEN t.created_at END
                  FROM concierge.tenant t WHERE t.slug LIKE 'page\\_%'
                   AND NOT EXISTS (SELECT 1 FROM concierge.publication p WHERE p.tenant_id = t.id)""");
        jdbc.update("""
                INSERT INTO concierge.publication_area (tenant_id, area, saved_version, published_version, published_at)
                SELECT t.id, a.area, a.saved_version, a.published_version, t.created_at
                  FROM concierge.tenant t CROSS JOIN concierge.publication_area a
                 WHERE t.slug LIKE 'page\\_%' AND a.tenant_id = ?
                   AND NOT EXISTS (SELECT 1 FROM concierge.publication_area p WHERE p.tenant_id = t.id)""", seed);
        // the audit history of registrations, saves and status changes: four entries a tenant
        jdbc.update("""
                INSERT INTO concierge.audit_entry (occurred_at, actor, actor_role, tenant_id, tenant_slug, area, action,
                                                   target, detail, prev_hash, hash)
                SELECT t.created_at + (n || ' seconds')::interval, 'ops', 'OPERATOR', t.id, t.slug, e.area, e.action,
                       t.slug, 'synthetic entry of the pages benchmark', repeat('0', 64), repeat('0', 64)
                  FROM concierge.tenant t, generate_series(1, 4) AS n,
                       LATERAL (SELECT area, action FROM concierge.audit_entry ORDER BY id OFFSET n - 1 LIMIT 1) e
                 WHERE t.slug LIKE 'page\\_%'
                   AND NOT EXISTS (SELECT 1 FROM concierge.audit_entry x WHERE x.tenant_id = t.id)""");
        jdbc.execute("ANALYZE");
    }

    private static String time(String name, String location) {
        return time(name, () -> {
            navigate(location);
            MockVaadin.clientRoundtrip();
            firstPageOfEveryGrid();
            return null;
        });
    }

    private static String time(String name, Supplier<Object> work) {
        var millis = new ArrayList<Double>();
        for (int i = 0; i < RUNS + 5; i++) {
            long start = System.nanoTime();
            work.get();
            if (i >= 5) {
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        millis.sort(null);
        double median = millis.get(RUNS / 2);
        return String.format("%-32s %10.1f %10.1f%s%n", name, median, millis.get((int) (RUNS * 0.95)),
                median > 100 ? "  OVER 100 ms" : "");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void firstPageOfEveryGrid() {
        List<Grid> grids = _find(currentView(), Grid.class);
        for (Grid grid : grids) {
            // a grid of defined size asks for its count first; one of undefined size only for the rows in view
            if (grid.getDataCommunicator().isDefinedSize()) {
                _size(grid);
            }
            _fetch(grid, 0, 50);
        }
    }
}
