package io.concierge.provisioning;

import io.concierge.provisioning.TenantUpgradeResult.Outcome;
import io.concierge.provisioning.internal.SchemaOperations;
import io.concierge.provisioning.internal.TemplateSchema;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@NextRelease
class FleetUpgradeTests extends IntegrationTest {

    @Autowired
    FleetUpgrades fleet;
    @Autowired
    TenantService tenants;
    @Autowired
    ProvisioningRuns runs;
    @Autowired
    SchemaOperations schemas;
    @Autowired
    TemplateSchema templates;
    @Autowired
    JdbcTemplate jdbc;
    TenantFixtures fixtures;

    @BeforeEach
    void asOperator() {
        fixtures = new TenantFixtures(tenants, jdbc);
        signIn(OPERATOR);
    }

    @Test
    void new_tenants_get_the_newest_release_of_a_grown_changelog() {
        var tenant = fixtures.active("grown", 1).get(0);
        assertThat(tenant.changelogVersion()).isEqualTo("1.2.0");
        assertThat(fleet.overview().latestVersion()).isEqualTo("1.2.0");
    }

    @Test
    void upgrading_the_fleet_upgrades_and_verifies_every_tenant_behind_and_reports_the_broken_one() throws Exception {
        var behind = fixtures.at110("fleet", 20);
        var broken = behind.get(7);
        // A column the release adds already exists in this tenant's schema: its changeset must fail.
        jdbc.execute("ALTER TABLE " + broken.schema().quoted() + ".orders ADD COLUMN notes integer");
        assertThat(behindNow()).extracting(TenantSummary::id)
                .containsAll(behind.stream().map(TenantSummary::id).toList());

        var report = fleet.upgradeAll().get(5, TimeUnit.MINUTES);

        assertThat(report.finished()).isTrue();
        assertThat(report.error()).isNull();
        var ours = report.results().stream().filter(r -> behind.stream().anyMatch(t -> t.id().equals(r.tenant())))
                .toList();
        assertThat(ours).hasSize(20);
        var failed = ours.stream().filter(r -> r.outcome() == Outcome.FAILED).toList();
        assertThat(failed).singleElement().satisfies(r -> {
            assertThat(r.tenant()).isEqualTo(broken.id());
            assertThat(r.error()).contains("1.2.0-order-notes").contains("notes").contains("already exists");
            assertThat(r.toVersion()).isEqualTo("1.1.0");
            assertThat(r.way()).as("its structure is not the plan's starting point").isEqualTo(TenantUpgradeResult.Way.DRIFTED);
        });
        assertThat(fixtures.current(broken).changelogVersion()).as("the broken tenant keeps its version")
                .isEqualTo("1.1.0");
        assertThat(runs.of(broken.id()).get(0)).satisfies(run -> {
            assertThat(run.kind()).isEqualTo(RunKind.UPGRADE);
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error()).contains("already exists");
        });

        var template = templates.current().fingerprint();
        for (var tenant : behind) {
            if (tenant.id().equals(broken.id())) {
                continue;
            }
            var result = ours.stream().filter(r -> r.tenant().equals(tenant.id())).findFirst().orElseThrow();
            assertThat(result.outcome()).as(tenant.slug() + ": " + result.error()).isEqualTo(Outcome.UPGRADED);
            assertThat(result.changesetsApplied()).isEqualTo(1);
            assertThat(result.duration()).isPositive();
            assertThat(fixtures.current(tenant).changelogVersion()).isEqualTo("1.2.0");
            assertThat(template.differences(schemas.fingerprint(tenant.schema()))).as(tenant.slug().value()).isEmpty();
            var run = runs.of(tenant.id()).get(0);
            assertThat(run.kind()).isEqualTo(RunKind.UPGRADE);
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.steps()).extracting(ProvisioningRun.Step::name).containsExactly("changelog replayed");
            assertThat(result.way()).isEqualTo(TenantUpgradeResult.Way.REPLAYED);
        }
        assertThat(behindNow()).extracting(TenantSummary::id).contains(broken.id())
                .doesNotContainAnyElementsOf(behind.stream().filter(t -> !t.id().equals(broken.id()))
                        .map(TenantSummary::id).toList());
    }

    @Test
    void tenants_already_current_are_skipped_without_running_liquibase() throws Exception {
        var current = fixtures.active("current", 1).get(0);
        // Were Liquibase run on this schema, it would re-create its history table and fail re-creating the tables.
        jdbc.execute("DROP TABLE " + current.schema().quoted() + ".databasechangelog");

        var all = fleet.upgradeAll().get(5, TimeUnit.MINUTES);
        var one = fleet.upgrade(current.id()).get(1, TimeUnit.MINUTES);

        assertThat(all.results()).noneMatch(r -> r.tenant().equals(current.id()));
        assertThat(one.results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(r.toVersion()).isEqualTo("1.2.0");
        });
        assertThat(schemas.lastChangeSet(current.schema())).as("Liquibase never touched it").isEmpty();
        assertThat(runs.of(current.id())).extracting(ProvisioningRun::kind).containsOnly(RunKind.PROVISION);
    }

    @Test
    void a_second_fleet_upgrade_while_one_runs_is_refused() throws Exception {
        fixtures.at110("busy", 4);

        var first = fleet.upgradeAll();
        var second = fleet.upgradeAll();
        var reports = List.of(first.get(5, TimeUnit.MINUTES), second.get(5, TimeUnit.MINUTES));

        assertThat(reports).filteredOn(r -> r.error() != null).singleElement()
                .satisfies(r -> assertThat(r.error()).contains("Another schema upgrade is running"));
    }

    @Test
    void auditors_cannot_start_upgrades() {
        signIn(AUDITOR);
        assertThat(fleet.overview().latestVersion()).isEqualTo("1.2.0");
        assertThatThrownBy(() -> fleet.upgradeAll()).isInstanceOf(AccessDeniedException.class);
    }

    /** Every tenant behind now (the page's list, one page as large as any test database). */
    private List<TenantSummary> behindNow() {
        return fleet.behind(PageRequest.of(0, 100_000));
    }
}
