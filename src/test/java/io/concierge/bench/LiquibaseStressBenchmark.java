package io.concierge.bench;

import io.concierge.provisioning.FleetUpgrades;
import io.concierge.provisioning.TenantFixtures;
import io.concierge.provisioning.TenantUpgradeResult;
import io.concierge.provisioning.TenantUpgradeResult.Outcome;
import io.concierge.provisioning.TenantUpgradeResult.Way;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: the proof that the Liquibase fallback is race-free (docs/benchmarks/fleet.md). Fleet upgrades with
 * replaying switched off and 4 workers, {@code bench.stress.rounds} (default 5) times over {@code bench.tenants}
 * schemas (default 1,000) put back to 1.1.0 in between: 5,000 Liquibase upgrades, which must all succeed and leave
 * no Liquibase lock row set.
 */
@Tag("benchmark")
@TestPropertySource(properties = {
        "concierge.provisioning.changelog=provisioning-next/changelog-master.xml",
        "concierge.provisioning.template-schema=tenant_template_next",
        "concierge.provisioning.replay-upgrades=false",
        "concierge.provisioning.upgrade-workers=4"})
class LiquibaseStressBenchmark extends IntegrationTest {

    private static final int TENANTS = Integer.getInteger("bench.tenants", 1000);
    private static final int ROUNDS = Integer.getInteger("bench.stress.rounds", 5);

    @Autowired
    FleetUpgrades fleet;
    @Autowired
    TenantService tenants;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void five_thousand_liquibase_upgrades_with_four_workers_all_succeed() throws Exception {
        signIn(OPERATOR);
        var fleetTenants = new TenantFixtures(tenants, jdbc).at110("lbstress", TENANTS);
        var failures = new ArrayList<TenantUpgradeResult>();
        var out = new StringBuilder("\n=== Liquibase fallback under 4 workers: ").append(ROUNDS).append(" x ")
                .append(fleetTenants.size()).append(" schema upgrades ===\n");
        int upgrades = 0;
        for (int round = 0; round < ROUNDS; round++) {
            if (round > 0) {
                BenchTenants.backTo110(jdbc, tenants, fleetTenants);
            }
            var report = fleet.upgradeAll().get(60, TimeUnit.MINUTES);
            var ours = report.results().stream().filter(r -> r.slug().value().startsWith("lbstress_")).toList();
            upgrades += ours.size();
            assertThat(ours).allSatisfy(r -> assertThat(r.way()).isEqualTo(Way.LIQUIBASE));
            ours.stream().filter(r -> r.outcome() != Outcome.UPGRADED).forEach(failures::add);
            out.append(String.format("round %d: %d upgraded, %d failed in %.1f s (%s)%n", round + 1,
                    ours.stream().filter(r -> r.outcome() == Outcome.UPGRADED).count(),
                    ours.stream().filter(r -> r.outcome() == Outcome.FAILED).count(),
                    report.elapsed().toMillis() / 1000.0, Uptime.now()));
        }
        int locked = 0;
        for (var t : fleetTenants) {
            locked += jdbc.queryForObject("SELECT count(*) FROM " + t.schema().quoted()
                    + ".databasechangeloglock WHERE locked", Integer.class);
        }
        out.append(String.format("total: %d upgrades, %d failed, %d lock rows left set%n", upgrades, failures.size(),
                locked));
        failures.stream().limit(5).forEach(f -> out.append("  failed: ").append(f.slug()).append(": ")
                .append(f.error()).append('\n'));
        System.out.println(out);
        BenchTenants.offboard(jdbc, tenants, fleetTenants);
        assertThat(failures).isEmpty();
        assertThat(locked).isZero();
        assertThat(upgrades).isEqualTo(ROUNDS * fleetTenants.size());
    }
}
