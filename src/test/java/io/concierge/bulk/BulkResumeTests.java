package io.concierge.bulk;

import io.concierge.ConciergeApplication;
import io.concierge.bulk.internal.BulkJobLocks;
import io.concierge.security.Actors;
import io.concierge.support.IntegrationTest;
import io.concierge.support.TestTenants;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bulk jobs a console was killed in the middle of (what kill -9 leaves: the job RUNNING, a row PROVISIONING whose
 * tenant was registered, rows PENDING), and a second console started on the same database: its start finishes
 * every job no live instance holds, creating each tenant once, and leaves alone a job another instance holds.
 */
class BulkResumeTests extends IntegrationTest {

    @Autowired
    BulkOnboarding bulk;
    @Autowired
    TenantService tenants;
    @Autowired
    BulkJobLocks locks;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_next_start_finishes_a_job_a_crash_cut_short_and_creates_every_tenant_once() {
        signIn(OPERATOR);
        var p = "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        // row 1's tenant was registered (and the row marked) in the same transaction, before the crash
        var registered = tenants.register(new NewTenant(p + "_reg", "Registered", "ops@reg.example", null)).tenant();
        var bySomeoneElse = TestTenants.active(tenants, p + "_else");
        var cutShort = job("cut-short.csv", 3);
        row(cutShort, 1, p + "_reg", RowOutcome.PROVISIONING, registered.id().value(), 1);
        row(cutShort, 2, p + "_new", RowOutcome.PENDING, null, 0);
        row(cutShort, 3, bySomeoneElse.slug().value(), RowOutcome.PENDING, null, 0);
        // a job a live console instance works on (this one holds its lock) is not the next start's to take
        var heldElsewhere = job("held.csv", 1);
        row(heldElsewhere, 1, p + "_held", RowOutcome.PENDING, null, 0);
        assertThat(locks.claim(heldElsewhere)).isTrue();

        try (var second = new SpringApplicationBuilder(ConciergeApplication.class).run("--server.port=0")) {
            var finished = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Actors.callAs(OPERATOR, () -> bulk.job(cutShort).orElseThrow()), BulkJob::finished);
            assertThat(finished.count(RowOutcome.CREATED)).isEqualTo(2);
            var rows = bulk.rows(cutShort);
            assertThat(rows).extracting(RowResult::outcome)
                    .containsExactly(RowOutcome.CREATED, RowOutcome.CREATED, RowOutcome.EXISTED);
            assertThat(rows.get(0).tenant()).as("the tenant registered before the crash").isEqualTo(registered.id());
            assertThat(rows.get(0).attempts()).isEqualTo(2);
            assertThat(tenants.find(registered.id()).orElseThrow().status()).isEqualTo(TenantStatus.ACTIVE);
            assertThat(tenants.find(rows.get(1).tenant()).orElseThrow().status()).isEqualTo(TenantStatus.ACTIVE);
            assertThat(rows.get(2).tenant()).isNull();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM concierge.tenant WHERE slug LIKE ?", Long.class,
                    p + "\\_%")).as("tenants of this test").isEqualTo(3);

            assertThat(bulk.rows(heldElsewhere)).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(RowOutcome.PENDING);
                assertThat(r.attempts()).isZero();
            });
            locks.release(heldElsewhere);
            assertThat(second.getBean(BulkRunner.class).resumeInterrupted()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Actors.callAs(OPERATOR, () -> bulk.job(heldElsewhere).orElseThrow()), BulkJob::finished);
            assertThat(bulk.rows(heldElsewhere)).singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo(RowOutcome.CREATED));
        } finally {
            locks.release(heldElsewhere);
        }
    }

    private UUID job(String fileName, int rows) {
        var id = UUID.randomUUID();
        jdbc.update("INSERT INTO concierge.bulk_job (id, file_name, created_by, created_at, status, row_count) "
                + "VALUES (?, ?, 'ops', now(), 'RUNNING', ?)", id, fileName, rows);
        return id;
    }

    private void row(UUID job, int rowNo, String slug, RowOutcome outcome, UUID tenant, int attempts) {
        jdbc.update("INSERT INTO concierge.bulk_job_row (job_id, row_no, slug, display_name, contact_email, outcome, "
                + "tenant_id, attempts, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())", job, rowNo, slug,
                "Tenant " + rowNo, "ops@" + slug.replace('_', '-') + ".example", outcome.name(), tenant, attempts);
    }
}
