package io.concierge.bench;

import io.concierge.audit.AuditFilter;
import io.concierge.audit.AuditLog;
import io.concierge.provisioning.FleetUpgrades;
import io.concierge.provisioning.NextRelease;
import io.concierge.provisioning.TenantUpgradeResult.Outcome;
import io.concierge.provisioning.TenantUpgradeResult.Way;
import io.concierge.publishing.PublicationFilter;
import io.concierge.publishing.PublishingService;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantFilter;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Not a test: the console at the tenant count it is built for (docs/benchmarks/fleet.md). Against a database of
 * its own ({@code cc_fleet_scale}; drop it afterwards, the tenants stay), {@code bench.tenants} (default 10,000)
 * tenants are registered through the real path (registration, event, template copy, verification, activation);
 * then the fleet upgrade of all of them by one changeset, the pages' queries at that size, a full Redis rebuild,
 * the catalog's size and {@code pg_dump --schema-only}. Every figure is printed with the machine's load.
 */
@Tag("benchmark")
@NextRelease
class ScaleBenchmark extends IntegrationTest {

    private static final int TENANTS = Integer.getInteger("bench.tenants", 10_000);
    private static final int RUNS = 20;

    @Autowired
    TenantService tenants;
    @Autowired
    FleetUpgrades fleet;
    @Autowired
    AuditLog audit;
    @Autowired
    PublishingService publishing;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void measure() throws Exception {
        var out = new StringBuilder("\n=== The console at ").append(String.format("%,d", TENANTS)).append(" tenants, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores ===\n");
        out.append("start: ").append(Uptime.now()).append('\n');

        // provisioning through registration
        var registered = new ArrayList<TenantSummary>();
        long started = System.nanoTime();
        for (int i = 0; i < TENANTS; i++) {
            var slug = String.format("scale_%05d_%s", i, uniqueSlug("x").substring(2, 8));
            registered.add(Actors.callAs(CurrentUser.SYSTEM, () -> tenants.register(
                    new NewTenant(slug, "Scale Partner " + slug, "ops@scale.example", null)).tenant()));
        }
        var ids = registered.stream().map(t -> t.id().value()).toArray(java.util.UUID[]::new);
        await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofSeconds(2)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM concierge.tenant WHERE id = ANY (?) AND status = 'PROVISIONING'", Integer.class,
                (Object) ids) == 0);
        var provisioning = Duration.ofNanos(System.nanoTime() - started);
        int active = jdbc.queryForObject("SELECT count(*) FROM concierge.tenant WHERE id = ANY (?) AND status = 'ACTIVE'",
                Integer.class, (Object) ids);
        int slice = Math.min(1000, TENANTS / 2);
        double first = perTenantMedian(registered.subList(0, slice));
        double last = perTenantMedian(registered.subList(TENANTS - slice, TENANTS));
        out.append(String.format("provisioned %,d (%,d active) in %.1f min: %.0f tenants/min (target: 10,000 < 10 min)%n",
                TENANTS, active, provisioning.toMillis() / 60_000.0, TENANTS / (provisioning.toMillis() / 60_000.0)));
        out.append(String.format("per-tenant provisioning run, median: first %,d %.1f ms, last %,d %.1f ms: %.2fx"
                + " (target <= 1.5x)%n", slice, first, slice, last, last / first));
        out.append("after provisioning: ").append(Uptime.now()).append('\n');

        signIn(OPERATOR);
        var fleetTenants = registered.stream().map(t -> tenants.find(t.id()).orElseThrow())
                .filter(t -> t.status() == TenantStatus.ACTIVE).toList();
        BenchTenants.backTo110(jdbc, tenants, fleetTenants);
        BenchTenants.vacuumCatalog(jdbc);
        var upgrade = fleet.upgradeAll().get(2, TimeUnit.HOURS);
        out.append(String.format("fleet upgrade of %,d schemas by one changeset: %.1f s, %d replayed, %d failed"
                        + " (target < 30 s); %s%n", upgrade.total(), upgrade.elapsed().toMillis() / 1000.0,
                upgrade.results().stream().filter(r -> r.way() == Way.REPLAYED && r.outcome() == Outcome.UPGRADED).count(),
                upgrade.count(Outcome.FAILED), Uptime.now()));

        var pages = new LinkedHashMap<String, Supplier<Object>>();
        var bySlug = PageRequest.of(0, 50, Sort.by("slug"));
        pages.put("tenants grid: first page + count", () -> tenants.search(TenantFilter.ALL, bySlug).getContent().size()
                + tenants.count(TenantFilter.ALL));
        pages.put("tenants grid: slug contains '0042' + count", () -> tenants.search(new TenantFilter("0042", null, null),
                bySlug).getContent().size() + tenants.count(new TenantFilter("0042", null, null)));
        pages.put("audit log: first page", () -> audit.page(AuditFilter.ALL, null, 50));
        pages.put("audit log: one tenant, first page", () -> audit.page(new AuditFilter(
                fleetTenants.get(fleetTenants.size() / 2).slug().value(), null, null, null, null, null, null), null, 50));
        pages.put("schema upgrades: overview + first page", () -> fleet.overview().behind()
                + fleet.behind(PageRequest.of(0, 50)).size());
        pages.put("publishing: first page + counts", () -> publishing.page(PublicationFilter.ALL, bySlug).size()
                + publishing.count(PublicationFilter.ALL) + publishing.count(PublicationFilter.FAILING));
        pages.put("home: tenants by status (counts)", () -> {
            long n = 0;
            for (var status : TenantStatus.values()) {
                n += tenants.count(new TenantFilter(null, null, status));
            }
            return n;
        });
        out.append(String.format("%-46s %10s %10s%n", "page query", "median ms", "p95 ms"));
        pages.forEach((name, query) -> out.append(time(name, query)));
        out.append("after pages: ").append(Uptime.now()).append('\n');

        var rebuild = publishing.rebuildAll((done, total, failed) -> { });
        out.append(String.format("full Redis rebuild: %,d tenants, %,d failed, %.1f s%n", rebuild.tenants(),
                rebuild.failures().size(), rebuild.took().toMillis() / 1000.0));

        out.append(jdbc.queryForObject("""
                SELECT format('catalog: %s in pg_catalog, %s rows of pg_class, %s of pg_attribute; database %s',
                              pg_size_pretty(sum(pg_total_relation_size(c.oid))),
                              (SELECT count(*) FROM pg_class), (SELECT count(*) FROM pg_attribute),
                              pg_size_pretty(pg_database_size(current_database())))
                  FROM pg_class c WHERE c.relnamespace = 'pg_catalog'::regnamespace""", String.class)).append('\n');
        long dumpStart = System.nanoTime();
        var dump = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--schema-only", "-f", "/dev/null",
                jdbc.queryForObject("SELECT current_database()", String.class)).redirectErrorStream(true).start();
        var dumpOutput = new String(dump.getInputStream().readAllBytes());
        int code = dump.waitFor();
        out.append(String.format("pg_dump --schema-only: %.1f s (exit %d%s)%n", (System.nanoTime() - dumpStart) / 1e9,
                code, dumpOutput.isBlank() ? "" : ": " + dumpOutput.strip()));
        out.append("end: ").append(Uptime.now()).append('\n');
        System.out.println(out);
    }

    /** Median duration of the tenants' provisioning runs, in ms. */
    private double perTenantMedian(List<TenantSummary> slice) {
        var ids = slice.stream().map(t -> t.id().value()).toArray(java.util.UUID[]::new);
        return jdbc.queryForObject("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at) * 1000)
                  FROM concierge.provisioning_run WHERE kind = 'PROVISION' AND status = 'SUCCEEDED'
                   AND tenant_id = ANY (?)""", Double.class, (Object) ids);
    }

    private static String time(String name, Supplier<Object> query) {
        for (int i = 0; i < 3; i++) {
            query.get();
        }
        var millis = new ArrayList<Double>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            query.get();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        millis.sort(null);
        double median = millis.get(RUNS / 2);
        return String.format("%-46s %10.1f %10.1f%s%n", name, median, millis.get((int) (RUNS * 0.95)),
                median > 100 ? "  OVER 100 ms" : "");
    }
}
