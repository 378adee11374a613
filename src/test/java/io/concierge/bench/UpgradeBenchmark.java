package io.concierge.bench;

import io.concierge.provisioning.FleetUpgrades;
import io.concierge.provisioning.NextRelease;
import io.concierge.provisioning.TenantFixtures;
import io.concierge.provisioning.TenantUpgradeResult.Outcome;
import io.concierge.provisioning.TenantUpgradeResult.Way;
import io.concierge.provisioning.internal.LiquibaseRunner;
import io.concierge.provisioning.internal.SchemaOperations;
import io.concierge.provisioning.internal.TemplateSchema;
import io.concierge.shared.ConsoleSchema;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: the upgrade figures of docs/benchmarks/fleet.md. The same {@code bench.tenants} schemas (default
 * 1,000, registered through the real path at 1.1.0) are upgraded by one changeset three times, put back to 1.1.0
 * in between, untimed: the console's fleet upgrade (planned once, replayed per schema), plain Liquibase per
 * schema (the console's runner, one schema after another: Liquibase is not safe to run concurrently), and Flyway
 * per schema (baselined at 1.1 beforehand, untimed). Prints the times and the ratios; offboards its tenants.
 */
@Tag("benchmark")
@NextRelease
class UpgradeBenchmark extends IntegrationTest {

    private static final int TENANTS = Integer.getInteger("bench.tenants", 1000);

    @Autowired
    FleetUpgrades fleet;
    @Autowired
    TenantService tenants;
    @Autowired
    TemplateSchema templates;
    @Autowired
    SchemaOperations schemas;
    @Autowired
    LiquibaseRunner liquibase;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ConsoleSchema console;
    @Value("${concierge.provisioning.upgrade-workers}")
    int workers;

    @Test
    void measure() throws Exception {
        signIn(OPERATOR);
        var fixtures = new TenantFixtures(tenants, jdbc);
        var template = templates.current();
        long setUp = System.nanoTime();
        var fleetTenants = fixtures.at110("upbench", TENANTS);
        var setUpTime = Duration.ofNanos(System.nanoTime() - setUp);
        BenchTenants.settle(jdbc, console);
        var load = new StringBuilder("load (uptime) before: ").append(Uptime.now()).append('\n');

        BenchTenants.vacuumCatalog(jdbc);
        var console = fleet.upgradeAll().get(30, TimeUnit.MINUTES);
        load.append("load after the console's way: ").append(Uptime.now()).append('\n');
        var ours = console.results().stream().filter(r -> r.slug().value().startsWith("upbench_")).toList();
        var replayed = ours.stream().filter(r -> r.outcome() == Outcome.UPGRADED && r.way() == Way.REPLAYED).count();
        for (var tenant : fleetTenants) {
            assertThat(template.fingerprint().differences(schemas.fingerprint(tenant.schema()))).isEmpty();
        }

        BenchTenants.backTo110(jdbc, tenants, fleetTenants);
        BenchTenants.vacuumCatalog(jdbc);
        long lbStart = System.nanoTime();
        int lbFailed = 0;
        for (var tenant : fleetTenants) {
            try {
                liquibase.update(tenant.schema());
            } catch (RuntimeException e) {
                lbFailed++;
            }
        }
        var lbTime = Duration.ofNanos(System.nanoTime() - lbStart);
        load.append("load after plain Liquibase: ").append(Uptime.now()).append('\n');

        BenchTenants.backTo110(jdbc, tenants, fleetTenants);
        fleetTenants.forEach(t -> flyway(t).baseline());
        BenchTenants.vacuumCatalog(jdbc);
        long fwStart = System.nanoTime();
        int fwFailed = 0;
        for (var tenant : fleetTenants) {
            try {
                flyway(tenant).migrate();
            } catch (RuntimeException e) {
                fwFailed++;
            }
        }
        var fwTime = Duration.ofNanos(System.nanoTime() - fwStart);
        load.append("load after Flyway: ").append(Uptime.now()).append('\n');

        double c = console.elapsed().toMillis() / 1000.0;
        double l = lbTime.toMillis() / 1000.0;
        double f = fwTime.toMillis() / 1000.0;
        var out = new StringBuilder("\n=== Fleet upgrade by one changeset, ").append(fleetTenants.size())
                .append(" schemas, ").append(Runtime.getRuntime().availableProcessors()).append(" cores ===\n");
        out.append(String.format("console (plan once, replay; %d workers): %7.2f s  replayed %d, failed %d (target < 3 s)%n",
                workers, c, replayed, ours.stream().filter(r -> r.outcome() == Outcome.FAILED).count()));
        out.append(String.format("plain Liquibase per schema (sequential): %7.2f s  failed %d%n", l, lbFailed));
        out.append(String.format("Flyway per schema (sequential):          %7.2f s  failed %d%n", f, fwFailed));
        out.append(String.format("Liquibase / console: %.1fx (target >= 4x); Flyway / console: %.1fx%n", l / c, f / c));
        out.append(String.format("per schema: console %.2f ms, Liquibase %.2f ms, Flyway %.2f ms%n",
                c * 1000 / fleetTenants.size(), l * 1000 / fleetTenants.size(), f * 1000 / fleetTenants.size()));
        out.append("plans: ").append(console.plans()).append('\n');
        out.append(String.format("(setting up %d tenants at 1.1.0 through registration took %.0f s)%n",
                fleetTenants.size(), setUpTime.toMillis() / 1000.0));
        out.append(load);
        System.out.println(out);

        BenchTenants.offboard(jdbc, tenants, fleetTenants);
    }

    private Flyway flyway(TenantSummary tenant) {
        return Flyway.configure().dataSource(dataSource).schemas(tenant.schema().value()).createSchemas(false)
                .locations("classpath:bench/flyway-upgrade").baselineVersion("1.1").load();
    }
}
