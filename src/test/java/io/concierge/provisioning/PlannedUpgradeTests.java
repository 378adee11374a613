package io.concierge.provisioning;

import io.concierge.provisioning.TenantUpgradeResult.Outcome;
import io.concierge.provisioning.TenantUpgradeResult.Way;
import io.concierge.provisioning.internal.LiquibaseRunner;
import io.concierge.provisioning.internal.SchemaOperations;
import io.concierge.provisioning.internal.TemplateSchema;
import io.concierge.provisioning.internal.UpgradePlanner;
import io.concierge.shared.ConsoleSchema;
import io.concierge.support.IntegrationTest;
import io.concierge.support.Superuser;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Fleet upgrades planned once per version and replayed per schema, against Liquibase doing the same upgrade. */
@NextRelease
class PlannedUpgradeTests extends IntegrationTest {

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
    UpgradePlanner planner;
    @Autowired
    LiquibaseRunner liquibase;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConsoleSchema console;
    @Value("${spring.datasource.url}")
    String url;
    TenantFixtures fixtures;

    @BeforeEach
    void asOperator() {
        fixtures = new TenantFixtures(tenants, jdbc);
        signIn(OPERATOR);
    }

    @Test
    void the_plan_is_liquibases_sql_for_the_release_with_the_schema_name_left_open() {
        var plan = planner.plan("1.1.0", templates.current());

        assertThat(plan.replayable()).as(plan.fallbackReason()).isTrue();
        assertThat(plan.changesets()).isEqualTo(1);
        assertThat(plan.script()).contains("ALTER TABLE {{target}}.orders ADD notes VARCHAR(500)")
                .contains("CREATE INDEX orders_notes_idx ON {{target}}.orders(notes)")
                .contains("INSERT INTO {{target}}.databasechangelog").contains("'1.2.0-order-notes'")
                .doesNotContain("tenant_template_next_plan");
        assertThat(plan.describe()).isEqualTo("From 1.1.0: 1 changeset planned once and replayed per schema");
        assertThat(schemas.exists(new io.concierge.shared.SchemaName("tenant_template_next_plan_1_1_0")))
                .as("the scratch schema is dropped").isFalse();
    }

    @Test
    void a_replayed_schema_is_identical_to_one_upgraded_by_liquibase_structure_and_changelog_rows() throws Exception {
        var replayedTenants = fixtures.at110("replayed", 3);
        var byLiquibase = fixtures.at110("bylb", 1).get(0);
        // the reference: plain Liquibase on a schema at 1.1.0 (not through the fleet, which would replay it)
        assertThat(liquibase.update(byLiquibase.schema())).isEqualTo(1);

        var report = fleet.upgradeAll().get(5, TimeUnit.MINUTES);

        assertThat(report.plans()).contains("From 1.1.0: 1 changeset planned once and replayed per schema");
        var template = templates.current().fingerprint();
        for (var tenant : replayedTenants) {
            var result = resultOf(report, tenant);
            assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.UPGRADED);
            assertThat(result.way()).isEqualTo(Way.REPLAYED);
            assertThat(result.changesetsApplied()).isEqualTo(1);
            assertThat(fixtures.current(tenant).changelogVersion()).isEqualTo("1.2.0");
            assertThat(schemas.fingerprint(tenant.schema())).isEqualTo(schemas.fingerprint(byLiquibase.schema()));
            assertThat(template.differences(schemas.fingerprint(tenant.schema()))).isEmpty();
            assertThat(changelogRows(tenant)).isEqualTo(changelogRows(byLiquibase));
            var run = runs.of(tenant.id()).get(0);
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.steps()).singleElement().satisfies(step -> {
                assertThat(step.name()).isEqualTo("changelog replayed");
                assertThat(step.detail()).contains("replayed").contains("structure equals the template's at 1.2.0");
            });
        }
        var lock = jdbc.queryForMap("SELECT locked, lockedby FROM " + replayedTenants.get(0).schema().quoted()
                + ".databasechangeloglock");
        assertThat(lock).containsEntry("locked", false).containsEntry("lockedby", null);
    }

    @Test
    void a_drifted_schema_is_not_replayed_and_the_run_shows_the_difference() throws Exception {
        var drifted = fixtures.at110("drifted", 1).get(0);
        var handMade = fixtures.at110("handmade", 1).get(0);
        // drift Liquibase copes with: changelog rows renumbered (the plan's rows would land out of order)
        jdbc.update("UPDATE " + drifted.schema().quoted() + ".databasechangelog SET orderexecuted = orderexecuted + 100");
        // and drift it cannot: an index made by hand
        jdbc.execute("CREATE INDEX hand_made_idx ON " + handMade.schema().quoted() + ".orders (side)");

        var report = fleet.upgradeAll().get(5, TimeUnit.MINUTES);

        assertThat(resultOf(report, drifted)).satisfies(r -> {
            assertThat(r.outcome()).as(r.error()).isEqualTo(Outcome.UPGRADED);
            assertThat(r.way()).isEqualTo(Way.DRIFTED);
        });
        assertThat(runs.of(drifted.id()).get(0).steps()).extracting(ProvisioningRun.Step::name)
                .containsExactly("changelog replayed", "changelog applied", "verified", "version recorded");
        assertThat(runs.of(drifted.id()).get(0).steps().get(0).detail()).startsWith("not replayed")
                .contains("ORDEREXECUTED");

        assertThat(resultOf(report, handMade)).satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.way()).isEqualTo(Way.DRIFTED);
            assertThat(r.error()).contains("unexpected: index CREATE INDEX hand_made_idx");
        });
        var run = runs.of(handMade.id()).get(0);
        assertThat(run.steps().get(0).detail()).startsWith("not replayed")
                .contains("unexpected: index CREATE INDEX hand_made_idx");
        assertThat(run.log()).as("the failed step's stack trace is in the log")
                .contains("verified FAILED").contains("java.lang.IllegalStateException")
                .contains("\tat io.concierge.provisioning.internal.SchemaUpgrader");
    }

    @Test
    void schemas_are_replayed_in_batches_and_a_batch_that_fails_for_one_schema_is_redone_one_by_one() throws Exception {
        var fleetTenants = fixtures.at110("batched", 8).stream()
                .sorted(java.util.Comparator.comparing(t -> t.slug().value())).toList();
        // the first by slug shares its batch with the next ones (8 schemas behind, 3 workers: batches of 3)
        var faulty = fleetTenants.get(0);
        var drifted = fleetTenants.get(fleetTenants.size() - 1);
        jdbc.update("UPDATE " + drifted.schema().quoted() + ".databasechangelog SET orderexecuted = orderexecuted + 100");
        var others = fleetTenants.subList(1, fleetTenants.size() - 1);
        // a statement of the replay fails on one schema only, the schema itself being as the plan expects
        try (var su = Superuser.connect(url); var st = su.createStatement()) {
            st.execute("CREATE FUNCTION public.refuse_faulty() RETURNS event_trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE schema_name = '"
                    + faulty.schema().value() + "') THEN RAISE EXCEPTION 'refused by the test'; END IF; END $$");
            st.execute("CREATE EVENT TRIGGER refuse_faulty ON ddl_command_end EXECUTE FUNCTION public.refuse_faulty()");
        }
        FleetUpgradeReport report;
        try {
            report = fleet.upgradeAll().get(5, TimeUnit.MINUTES);
        } finally {
            try (var su = Superuser.connect(url); var st = su.createStatement()) {
                st.execute("DROP EVENT TRIGGER refuse_faulty");
                st.execute("DROP FUNCTION public.refuse_faulty()");
            }
        }

        var template = templates.current().fingerprint();
        assertThat(resultOf(report, faulty)).satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.way()).isEqualTo(Way.REPLAYED);
            assertThat(r.error()).contains("refused by the test");
        });
        assertThat(fixtures.current(faulty).changelogVersion()).isEqualTo("1.1.0");
        assertThat(template.differences(schemas.fingerprint(faulty.schema())))
                .as("the faulty schema is untouched: it lacks exactly what 1.2.0 adds").hasSize(3)
                .allMatch(line -> line.startsWith("missing: "))
                .anyMatch(line -> line.startsWith("missing: column orders.notes "))
                .anyMatch(line -> line.contains("CREATE INDEX orders_notes_idx"))
                .anyMatch(line -> line.startsWith("missing: changeset 1.2.0-order-notes "));
        var faultyRun = runs.of(faulty.id()).get(0);
        assertThat(faultyRun.steps()).extracting(ProvisioningRun.Step::name, ProvisioningRun.Step::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("changelog replayed", RunStatus.FAILED),
                        org.assertj.core.groups.Tuple.tuple("changelog replayed", RunStatus.FAILED));
        assertThat(faultyRun.steps().get(0).detail()).startsWith("rolled back with the other")
                .contains("schemas of its batch").contains("refused by the test").endsWith("upgraded alone next");
        assertThat(faultyRun.log()).contains("changelog replayed FAILED").contains("\tat ");

        var batchMates = 0;
        for (var tenant : others) {
            var result = resultOf(report, tenant);
            assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.UPGRADED);
            assertThat(result.way()).isEqualTo(Way.REPLAYED);
            assertThat(template.differences(schemas.fingerprint(tenant.schema()))).isEmpty();
            assertThat(fixtures.current(tenant).changelogVersion()).isEqualTo("1.2.0");
            var run = runs.of(tenant.id()).get(0);
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            var last = run.steps().get(run.steps().size() - 1);
            assertThat(last.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(last.detail()).contains("replayed; structure equals the template's at 1.2.0");
            if (run.steps().size() == 2) {
                batchMates++;
                assertThat(run.steps().get(0).detail()).startsWith("rolled back with the other")
                        .contains("refused by the test");
            } else {
                assertThat(last.detail()).contains("in one transaction with").contains("other schemas");
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + console.qualify("audit_entry")
                    + " WHERE tenant_id = ? AND action = 'tenant.schema-upgraded' AND detail LIKE '1.1.0 → 1.2.0%'",
                    Integer.class, tenant.id().value())).as("one audit entry for the upgrade").isEqualTo(1);
        }
        assertThat(batchMates).as("the faulty schema's batch mates were redone alone").isGreaterThanOrEqualTo(1);
        assertThat(batchMates).as("the other batches were not touched by its failure").isLessThan(others.size());

        assertThat(resultOf(report, drifted)).satisfies(r -> {
            assertThat(r.outcome()).as(r.error()).isEqualTo(Outcome.UPGRADED);
            assertThat(r.way()).isEqualTo(Way.DRIFTED);
        });
        assertThat(template.differences(schemas.fingerprint(drifted.schema()))).isEmpty();
    }

    private static TenantUpgradeResult resultOf(FleetUpgradeReport report, TenantSummary tenant) {
        return report.results().stream().filter(r -> r.tenant().equals(tenant.id())).findFirst().orElseThrow();
    }

    /** Every column Liquibase writes, but the two that differ per run by design (time and deployment). */
    private List<Map<String, Object>> changelogRows(TenantSummary tenant) {
        return jdbc.queryForList("SELECT id, author, filename, orderexecuted, exectype, md5sum, description, comments,"
                + " tag, liquibase, contexts, labels FROM " + tenant.schema().quoted()
                + ".databasechangelog ORDER BY orderexecuted");
    }
}
