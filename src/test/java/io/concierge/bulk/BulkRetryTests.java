package io.concierge.bulk;

import io.concierge.provisioning.internal.SchemaOperations;
import io.concierge.security.Actors;
import io.concierge.shared.SchemaName;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rows whose provisioning really failed (the gated changelog of ProvisioningFailureTests) are retried alone. */
@TestPropertySource(properties = {
        "concierge.provisioning.changelog=provisioning-gated/changelog-master.xml",
        "concierge.provisioning.template-schema=tenant_template_gated"})
class BulkRetryTests extends IntegrationTest {

    @Autowired
    BulkOnboarding bulk;
    @Autowired
    TenantService tenants;
    @Autowired
    SchemaOperations schemas;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void closeTheGate() {
        signIn(OPERATOR);
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS provisioning_gate_closed");
        schemas.dropIfExists(new SchemaName("tenant_template_gated"));
    }

    @AfterEach
    void openTheGate() {
        jdbc.execute("DROP SCHEMA IF EXISTS provisioning_gate_closed");
    }

    @Test
    void failed_rows_are_retried_alone_and_the_rest_is_left_as_it_was() {
        var p = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        var existing = bulk.start("first.csv", BulkOnboardingTests.csv("slug,displayName,contactEmail",
                p + "_old,Old,ops@old.example"));
        var old = awaitFinished(existing);
        assertThat(old.count(RowOutcome.FAILED)).isEqualTo(1);

        var job = awaitFinished(bulk.start("second.csv", BulkOnboardingTests.csv("slug,displayName,contactEmail",
                p + "_old,Old,ops@old.example",
                p + "_new,New,ops@new.example")));
        var rows = bulk.rows(job.id());
        assertThat(rows.get(0).outcome()).isEqualTo(RowOutcome.EXISTED);
        assertThat(rows.get(1).outcome()).isEqualTo(RowOutcome.FAILED);
        assertThat(rows.get(1).message()).startsWith("Provisioning failed: ").contains("the test gate is closed");

        jdbc.execute("DROP SCHEMA provisioning_gate_closed");
        assertThat(bulk.retryFailed(job.id())).isEqualTo(1);
        var retried = awaitFinished(job.id());

        var after = bulk.rows(retried.id());
        assertThat(after.get(0).outcome()).isEqualTo(RowOutcome.EXISTED);
        assertThat(after.get(0).attempts()).isEqualTo(1);
        assertThat(after.get(1).outcome()).isEqualTo(RowOutcome.CREATED);
        assertThat(after.get(1).attempts()).isEqualTo(2);
        assertThat(after.get(1).tenant()).isEqualTo(rows.get(1).tenant());
        assertThat(tenants.find(after.get(1).tenant()).orElseThrow().status()).isEqualTo(TenantStatus.ACTIVE);
        // the row of another job was not touched by this job's retry
        assertThat(bulk.rows(existing).get(0).outcome()).isEqualTo(RowOutcome.FAILED);
    }

    private BulkJob awaitFinished(UUID job) {
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> Actors.callAs(OPERATOR, () -> bulk.job(job).orElseThrow()), BulkJob::finished);
        return bulk.job(job).orElseThrow();
    }
}
