package io.concierge.provisioning;

import io.concierge.provisioning.TenantUpgradeResult.Outcome;
import io.concierge.provisioning.TenantUpgradeResult.Way;
import io.concierge.provisioning.internal.SchemaOperations;
import io.concierge.provisioning.internal.TemplateSchema;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A release whose changeset has a precondition is not planned: Liquibase upgrades each schema, and says so. */
@TestPropertySource(properties = {
        "concierge.provisioning.changelog=provisioning-precondition/changelog-master.xml",
        "concierge.provisioning.template-schema=tenant_template_precondition"})
class PreconditionReleaseTests extends IntegrationTest {

    @Autowired
    FleetUpgrades fleet;
    @Autowired
    TenantService tenants;
    @Autowired
    SchemaOperations schemas;
    @Autowired
    TemplateSchema templates;
    @Autowired
    ProvisioningRuns runs;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_release_with_a_precondition_falls_back_to_liquibase_and_the_report_says_why() throws Exception {
        signIn(OPERATOR);
        var behind = new TenantFixtures(tenants, jdbc).at110("precond", 2);

        var report = fleet.upgradeAll().get(5, TimeUnit.MINUTES);

        assertThat(report.plans()).contains("From 1.1.0: upgraded by Liquibase, because changeset 1.2.0-order-notes"
                + " has preconditions");
        var template = templates.current().fingerprint();
        for (var tenant : behind) {
            var result = report.results().stream().filter(r -> r.tenant().equals(tenant.id())).findFirst()
                    .orElseThrow();
            assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.UPGRADED);
            assertThat(result.way()).isEqualTo(Way.LIQUIBASE);
            assertThat(template.differences(schemas.fingerprint(tenant.schema()))).isEmpty();
            assertThat(runs.of(tenant.id()).get(0).steps()).extracting(ProvisioningRun.Step::name)
                    .containsExactly("changelog applied", "verified", "version recorded");
        }
    }
}
