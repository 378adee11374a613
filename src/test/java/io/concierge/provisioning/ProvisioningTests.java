package io.concierge.provisioning;

import io.concierge.provisioning.internal.LiquibaseRunner;
import io.concierge.provisioning.internal.SchemaOperations;
import io.concierge.shared.SchemaName;
import io.concierge.shared.TenantId;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProvisioningTests extends IntegrationTest {

    @Autowired
    TenantService tenants;
    @Autowired
    ProvisioningRuns runs;
    @Autowired
    SchemaOperations schemas;
    @Autowired
    LiquibaseRunner liquibase;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void asOperator() {
        signIn(OPERATOR);
    }

    @Test
    void a_new_tenant_gets_exactly_the_schema_a_plain_liquibase_run_builds_and_becomes_active() {
        var tenant = register(uniqueSlug("prov"));

        var active = awaitStatus(tenant.id(), TenantStatus.ACTIVE);
        assertThat(active.changelogVersion()).isEqualTo("1.1.0");

        var scratch = new SchemaName("scratch_" + tenant.slug().value());
        try {
            schemas.create(scratch);
            assertThat(liquibase.update(scratch)).isEqualTo(8);
            // the role and grants every copy of the template gets, so that privileges compare too
            schemas.grantTemplateAccess(scratch, scratch);
            assertThat(schemas.fingerprint(tenant.schema()).lines())
                    .isNotEmpty()
                    .containsExactlyElementsOf(schemas.fingerprint(scratch).lines());
        } finally {
            schemas.dropIfExists(scratch);
        }
        assertThat(schemas.fingerprint(tenant.schema()).lines())
                .contains("constraint orders.orders_user_fk FOREIGN KEY (user_id) REFERENCES users(id)",
                        "index CREATE UNIQUE INDEX users_email_uq ON users USING btree (lower((email)::text))");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + tenant.schema().quoted() + ".asset_types",
                Integer.class)).as("seed rows").isEqualTo(5);

        var run = runs.of(tenant.id()).get(0);
        assertThat(run.kind()).isEqualTo(RunKind.PROVISION);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.toVersion()).isEqualTo("1.1.0");
        assertThat(run.steps()).extracting(ProvisioningRun.Step::name)
                .containsExactly("schema created", "changelog applied", "verified", "active");
        assertThat(run.steps()).allMatch(s -> s.status() == RunStatus.SUCCEEDED && s.finishedAt() != null);
    }

    @Test
    void offboarding_drops_the_schema_and_keeps_the_tenant() {
        var tenant = register(uniqueSlug("off"));
        awaitStatus(tenant.id(), TenantStatus.ACTIVE);
        assertThat(schemas.exists(tenant.schema())).isTrue();

        tenants.offboard(tenant.id(), tenant.slug().value());

        await().atMost(Duration.ofSeconds(20)).pollInSameThread().until(() -> !schemas.exists(tenant.schema()));
        assertThat(tenants.find(tenant.id())).get().extracting(TenantSummary::status).isEqualTo(TenantStatus.OFFBOARDED);
        assertThat(runs.of(tenant.id())).as("its history stays").isNotEmpty();
    }

    private TenantSummary register(String slug) {
        return tenants.register(new NewTenant(slug, "Tenant " + slug, "ops@example.com", null)).tenant();
    }

    private TenantSummary awaitStatus(TenantId id, TenantStatus status) {
        await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ofMillis(100))
                .until(() -> tenants.find(id).orElseThrow().status() != TenantStatus.PROVISIONING);
        var tenant = tenants.find(id).orElseThrow();
        assertThat(tenant.status()).as("status, reason: %s", tenant.statusReason()).isEqualTo(status);
        return tenant;
    }
}
