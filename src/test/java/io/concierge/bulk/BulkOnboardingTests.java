package io.concierge.bulk;

import io.concierge.security.Actors;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Bulk files validated whole, then jobs that create real tenants through the ordinary registration path. */
class BulkOnboardingTests extends IntegrationTest {

    @Autowired
    BulkOnboarding bulk;
    @Autowired
    TenantService tenants;

    String p;

    @BeforeEach
    void operator() {
        signIn(OPERATOR);
        p = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    void every_error_is_listed_by_row_and_field_and_nothing_is_created() {
        var existingAdmin = p + "_taken";
        bulk.start("seed.csv", csv("slug,displayName,contactEmail,firstAdmin",
                p + "_seed,Seed,ops@seed.example," + existingAdmin));
        awaitFinished(bulk.recent(1).get(0).id());

        var file = csv("slug,displayName,contactEmail,firstAdmin,like",
                p + "_ok,Fine Partner,ops@fine.example,,",
                "Bad Slug,Bad,ops@bad.example,,",
                p + "_mail,Mail,not-an-address,,",
                p + "_ok,Twice,ops@twice.example,,",
                p + "_adm,Admin,ops@adm.example," + existingAdmin + ",",
                p + "_like,Like,ops@like.example,,no_such_tenant",
                p + "_nam,,ops@nam.example,,",
                "\"" + p + "_q\",\"Quoted, with comma\",ops@q.example,,");

        var errors = bulk.check("tenants.csv", file);
        assertThat(errors).extracting(RowError::row, RowError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "slug"),
                org.assertj.core.groups.Tuple.tuple(3, "contactEmail"),
                org.assertj.core.groups.Tuple.tuple(4, "slug"),
                org.assertj.core.groups.Tuple.tuple(5, "firstAdmin"),
                org.assertj.core.groups.Tuple.tuple(6, "like"),
                org.assertj.core.groups.Tuple.tuple(7, "displayName"));
        assertThat(errors.get(2).message()).isEqualTo("Slug '" + p + "_ok' is also in row 1.");
        assertThat(errors.get(3).message()).isEqualTo("User '" + existingAdmin + "' already exists.");
        assertThat(errors.get(4).describe()).isEqualTo("Row 6, like: No tenant 'no_such_tenant' to copy.");

        assertThatThrownBy(() -> bulk.start("tenants.csv", file))
                .isInstanceOfSatisfying(BulkFileRejectedException.class,
                        e -> assertThat(e.rowErrors()).isEqualTo(errors));
        assertThat(tenants.open(p + "_ok")).isEmpty();
        assertThat(tenants.open(p + "_q")).isEmpty();
    }

    @Test
    void broken_files_are_refused_with_the_line_that_breaks_them() {
        assertThat(bulk.check("t.csv", csv("slug,displayName", "a,b"))).extracting(RowError::describe)
                .containsExactly("File, contactEmail: The required column is missing from the first line.");
        assertThat(bulk.check("t.csv", csv("slug,displayName,contactEmail,password", "a,b,c,d")))
                .extracting(RowError::describe).first().asString().startsWith("File, password: Unknown column");
        assertThat(bulk.check("t.csv", csv("slug,displayName,contactEmail", p + "_x,\"open,ops@x.example")))
                .extracting(RowError::describe).containsExactly("File: Line 2: a quoted field is never closed.");
        assertThat(bulk.check("t.csv", csv("slug,displayName,contactEmail", p + "_x,X")))
                .extracting(RowError::describe).containsExactly("Row 1: Line 2 has 2 fields; the header has 3.");
        assertThat(bulk.check("t.json", ("[{\"slug\": 1, \"displayName\": \"X\", \"contactEmail\": \"o@x.example\", "
                + "\"admin\": \"x\"}]").getBytes(StandardCharsets.UTF_8))).extracting(RowError::describe)
                .containsExactlyInAnyOrder("Row 1, slug: Must be a string.",
                        "Row 1, admin: Unknown field; the fields are slug, displayName, contactEmail, firstAdmin, like.",
                        "Row 1, slug: Slug is required.");
        assertThat(bulk.check("t.csv", new byte[]{(byte) 0xC3, 0x28})).extracting(RowError::describe)
                .containsExactly("File: The file is not UTF-8 text.");
        var tooMany = new StringBuilder("slug,displayName,contactEmail\n");
        for (int i = 0; i < 2001; i++) {
            tooMany.append("t").append(i).append("xx,T,o@t.example\n");
        }
        assertThat(bulk.check("t.csv", tooMany.toString().getBytes(StandardCharsets.UTF_8)))
                .extracting(RowError::describe).containsExactly("File: The file has 2001 tenants; at most 2000 fit in one job.");
    }

    @Test
    void a_job_creates_and_provisions_every_row_and_running_the_file_again_creates_nothing_new() {
        var file = ("[{\"slug\":\"" + p + "_one\",\"displayName\":\"One\",\"contactEmail\":\"ops@one.example\","
                + "\"firstAdmin\":\"" + p + "-admin\"},"
                + "{\"slug\":\"" + p + "_two\",\"displayName\":\"Two\",\"contactEmail\":\"ops@two.example\"},"
                + "{\"slug\":\"" + p + "_three\",\"displayName\":\"Three\",\"contactEmail\":\"ops@three.example\"}]")
                .getBytes(StandardCharsets.UTF_8);

        var first = awaitFinished(bulk.start("partners.json", file));
        assertThat(first.count(RowOutcome.CREATED)).isEqualTo(3);
        assertThat(bulk.rows(first.id())).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(RowOutcome.CREATED);
            assertThat(tenants.find(r.tenant()).orElseThrow().status()).isEqualTo(TenantStatus.ACTIVE);
        });
        assertThat(bulk.rows(first.id()).get(0).message()).contains("partner admin '" + p + "-admin' was invited");

        var before = tenants.count(io.concierge.tenant.TenantFilter.ALL);
        var second = awaitFinished(bulk.start("partners.json", file));
        assertThat(second.count(RowOutcome.EXISTED)).isEqualTo(3);
        assertThat(bulk.rows(second.id())).allSatisfy(r -> {
            assertThat(r.tenant()).isNull();
            assertThat(r.message()).endsWith("existed already (active); left as it is.");
        });
        assertThat(tenants.count(io.concierge.tenant.TenantFilter.ALL)).isEqualTo(before);
        assertThat(bulk.retryFailed(second.id())).isZero();
    }

    @Test
    void the_report_neutralises_cells_a_spreadsheet_would_run() {
        assertThat(BulkOnboarding.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(BulkOnboarding.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(BulkOnboarding.cell("-2")).isEqualTo("\"'-2\"");
        assertThat(BulkOnboarding.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(BulkOnboarding.cell("Acme")).isEqualTo("\"Acme\"");

        var job = awaitFinished(bulk.start("r.csv", csv("slug,displayName,contactEmail",
                p + "_rep,=1+2,ops@rep.example")));
        assertThat(bulk.report(job.id())).contains(",\"'=1+2\",").contains(",created,");
    }

    @Test
    void only_operators_run_bulk_jobs() {
        signIn(AUDITOR);
        assertThatThrownBy(() -> bulk.check("t.csv", csv("slug,displayName,contactEmail", "abc,A,a@b.example")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> bulk.recent(5)).isInstanceOf(AccessDeniedException.class);
    }

    private BulkJob awaitFinished(UUID job) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> Actors.callAs(OPERATOR, () -> bulk.job(job).orElseThrow()), BulkJob::finished);
    }

    static byte[] csv(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
