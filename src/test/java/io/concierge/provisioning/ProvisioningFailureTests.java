package io.concierge.provisioning;

import io.concierge.provisioning.internal.SchemaOperations;
import io.concierge.provisioning.internal.TemplateSchema;
import io.concierge.shared.SchemaName;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A changelog whose second release fails until the test opens its gate (see provisioning-gated/). */
@TestPropertySource(properties = {
        "concierge.provisioning.changelog=provisioning-gated/changelog-master.xml",
        "concierge.provisioning.template-schema=tenant_template_gated"})
class ProvisioningFailureTests extends IntegrationTest {

    private static final SchemaName TEMPLATE = new SchemaName("tenant_template_gated");

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

    @BeforeEach
    void closeTheGate() {
        signIn(OPERATOR);
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS provisioning_gate_closed");
        // The template is built from the changelog on first use; make this test's provisioning build it.
        schemas.dropIfExists(TEMPLATE);
    }

    @AfterEach
    void openTheGate() {
        jdbc.execute("DROP SCHEMA IF EXISTS provisioning_gate_closed");
    }

    @Test
    void a_changelog_failing_midway_leaves_a_failed_tenant_and_no_schema_and_retry_then_activates_it() {
        var tenant = tenants.register(new NewTenant(uniqueSlug("gate"), "Gated", "ops@example.com", null)).tenant();

        var failed = awaitSettled(tenant);
        assertThat(failed.status()).isEqualTo(TenantStatus.FAILED);
        assertThat(failed.statusReason()).contains("1.0.1-gated-watchlist").contains("the test gate is closed");
        assertThat(failed.changelogVersion()).isNull();
        assertThat(schemas.exists(tenant.schema())).as("no tenant schema").isFalse();
        assertThat(schemas.exists(new SchemaName("tenant_template_gated_build"))).as("no half-built template").isFalse();
        var run = runs.of(tenant.id()).get(0);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.steps()).singleElement().satisfies(step -> {
            assertThat(step.name()).isEqualTo("schema created");
            assertThat(step.status()).isEqualTo(RunStatus.FAILED);
        });

        // Something left a schema under the tenant's name (say a crash mid-way on another console): retry
        // must start from nothing.
        jdbc.execute("CREATE SCHEMA " + tenant.schema().quoted());
        jdbc.execute("CREATE TABLE " + tenant.schema().quoted() + ".junk (id int)");
        jdbc.execute("DROP SCHEMA provisioning_gate_closed");
        tenants.retry(tenant.id());

        var active = awaitSettled(tenant);
        assertThat(active.status()).as(active.statusReason()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(active.changelogVersion()).isEqualTo("1.0.1");
        assertThat(jdbc.queryForObject("SELECT to_regclass(?)::text", String.class,
                tenant.schema().value() + ".junk")).as("the leftover is gone").isNull();
        assertThat(templates.current().fingerprint().differences(schemas.fingerprint(tenant.schema()))).isEmpty();
        assertThat(runs.of(tenant.id())).extracting(ProvisioningRun::status)
                .containsExactly(RunStatus.SUCCEEDED, RunStatus.FAILED);
        assertThat(runs.of(tenant.id()).get(0).steps().get(0).detail()).startsWith("dropped a leftover schema");
    }

    private TenantSummary awaitSettled(TenantSummary tenant) {
        await().atMost(Duration.ofSeconds(90)).pollInSameThread().pollInterval(Duration.ofMillis(100))
                .until(() -> tenants.find(tenant.id()).orElseThrow().status() != TenantStatus.PROVISIONING);
        return tenants.find(tenant.id()).orElseThrow();
    }
}
