package io.concierge.provisioning;

import io.concierge.ConciergeApplication;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.provisioning.internal.RunRecorder;
import io.concierge.provisioning.internal.TenantRoles;
import io.concierge.support.IntegrationTest;
import io.concierge.support.ScratchDatabase;
import io.concierge.support.TestTenants;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import io.concierge.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A console stopped while it provisions a tenant: the next start finishes the job (the event publication registry
 * delivers the registration again) instead of leaving the tenant PROVISIONING or a run "running" forever.
 */
class ShutdownResumeTests extends IntegrationTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    Environment environment;
    @Autowired
    TenantRoles roles;
    @Autowired
    TenantService tenants;
    @Autowired
    RunRecorder recorder;
    @Autowired
    ProvisioningRuns provisioningRuns;

    @Test
    void a_tenant_whose_provisioning_a_shutdown_cut_short_is_activated_by_the_next_start() {
        var name = "concierge_resume_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var database = ScratchDatabase.create(environment, name, roles.platform().value())) {
            var console = database.arguments();
            TenantId tenant;
            try (var first = start(console)) {
                tenant = Actors.callAs(CurrentUser.SYSTEM, () -> first.getBean(TenantService.class)
                        .register(new NewTenant(uniqueSlug("resume"), "Resume", "ops@resume.example", null))
                        .tenant().id());
                // On a fresh database the first run builds the template (seconds of Liquibase): stop in the middle.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> runs(first, tenant), r -> !r.isEmpty());
            }
            try (var second = start(console)) {
                var active = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                        .until(() -> status(second, tenant), t -> t.status() != TenantStatus.PROVISIONING);
                assertThat(active.status()).as(active.statusReason()).isEqualTo(TenantStatus.ACTIVE);
                // A graceful shutdown lets the run finish; one cut short is closed as interrupted and redone.
                var runs = runs(second, tenant);
                assertThat(runs.get(0).status()).isEqualTo(RunStatus.SUCCEEDED);
                assertThat(runs.subList(1, runs.size())).allSatisfy(run -> {
                    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
                    assertThat(run.error()).startsWith("Interrupted");
                });
                assertThat(runs).flatMap(ProvisioningRun::steps).extracting(ProvisioningRun.Step::status)
                        .doesNotContain(RunStatus.RUNNING);
            }
        }
    }

    @Test
    void a_run_a_crash_left_running_is_closed_as_interrupted_when_the_next_run_of_that_tenant_starts() {
        var tenant = TestTenants.active(tenants, uniqueSlug("crashed"));
        // what a console killed mid-run leaves behind: a run, and its step, still RUNNING
        var crashed = recorder.start(tenant.id(), tenant.slug(), RunKind.PROVISION, null);
        assertThatThrownBy(() -> crashed.step("schema created", () -> {
            throw new IllegalStateException("the process dies here");
        })).isInstanceOf(IllegalStateException.class);
        new JdbcTemplate(dataSource).update("""
                UPDATE concierge.provisioning_step SET status = 'RUNNING', finished_at = NULL
                 WHERE run_id = (SELECT id FROM concierge.provisioning_run WHERE tenant_id = ? AND status = 'RUNNING')""",
                tenant.id().value());

        recorder.start(tenant.id(), tenant.slug(), RunKind.UPGRADE, "1.1.0").succeed("1.1.0", 0);

        var runs = Actors.callAs(CurrentUser.SYSTEM, () -> provisioningRuns.of(tenant.id()));
        assertThat(runs).extracting(ProvisioningRun::status)
                .containsExactly(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.SUCCEEDED);
        assertThat(runs.get(1).error()).startsWith("Interrupted");
        assertThat(runs.get(1).steps()).singleElement().satisfies(step -> {
            assertThat(step.status()).isEqualTo(RunStatus.FAILED);
            assertThat(step.detail()).startsWith("Interrupted");
        });
    }

    private static List<ProvisioningRun> runs(ConfigurableApplicationContext context, TenantId tenant) {
        return Actors.callAs(CurrentUser.SYSTEM, () -> context.getBean(ProvisioningRuns.class).of(tenant));
    }

    private static TenantSummary status(ConfigurableApplicationContext context, TenantId tenant) {
        return Actors.callAs(CurrentUser.SYSTEM, () -> context.getBean(TenantService.class).find(tenant).orElseThrow());
    }

    private static ConfigurableApplicationContext start(List<String> database) {
        // command-line arguments outrank the environment variables CI sets
        var arguments = new ArrayList<>(database);
        arguments.addAll(List.of("--server.port=0", "--concierge.security.bootstrap.username=first-ops",
                "--concierge.security.bootstrap.password=s3cret-first"));
        return new SpringApplicationBuilder(ConciergeApplication.class).run(arguments.toArray(String[]::new));
    }
}
