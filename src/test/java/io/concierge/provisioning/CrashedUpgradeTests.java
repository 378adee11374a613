package io.concierge.provisioning;

import com.zaxxer.hikari.HikariDataSource;
import io.concierge.ConciergeApplication;
import io.concierge.provisioning.TenantUpgradeResult.Outcome;
import io.concierge.provisioning.internal.SchemaOperations;
import io.concierge.provisioning.internal.TemplateSchema;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A console that dies in the middle of a replayed fleet upgrade: a second application context on the same
 * database runs the upgrade, and loses every database connection at once (its pool aborted, as PostgreSQL sees a
 * killed process) after a few tenants. Each schema is then upgraded, verified and recorded, or untouched; the next
 * start (this context, told it is ready again) resumes the upgrade and finishes the job.
 */
@NextRelease
class CrashedUpgradeTests extends IntegrationTest {

    @Autowired
    DataSource dataSource;
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
    @Autowired
    ProvisioningProgress progress;
    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void a_console_killed_mid_upgrade_leaves_each_schema_upgraded_or_untouched_and_the_next_run_finishes()
            throws Exception {
        var fixtures = new TenantFixtures(tenants, jdbc);
        var behind = fixtures.at110("crash", 12);
        var untouched = schemas.fingerprint(behind.get(0).schema());
        var killed = new AtomicBoolean();
        try (var victim = new SpringApplicationBuilder(ConciergeApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                "--concierge.provisioning.changelog=provisioning-next/changelog-master.xml",
                "--concierge.provisioning.template-schema=tenant_template_next",
                "--concierge.provisioning.upgrade-workers=2",
                // batches of 3 in one transaction each: the crash comes after some batches and before others
                "--concierge.provisioning.replay-batch=3")) {
            var pool = (HikariDataSource) victim.getBean(DataSource.class);
            victim.getBean(ProvisioningProgress.class).subscribe(update -> {
                if (update instanceof ProvisioningProgress.FleetUpdated f && f.report().results().size() >= 3
                        && killed.compareAndSet(false, true)) {
                    pool.close(); // every connection aborted, the ones in a replay's transaction too
                }
            });
            CompletableFuture<FleetUpgradeReport> run = Actors.callAs(CurrentUser.SYSTEM,
                    () -> victim.getBean(FleetUpgrades.class).upgradeAll());
            await().atMost(Duration.ofMinutes(3)).until(killed::get);
            await().atMost(Duration.ofMinutes(1)).until(run::isDone);
        }

        var template = templates.current().fingerprint();
        int upgraded = 0;
        for (var tenant : behind) {
            var now = fixtures.current(tenant);
            var fingerprint = schemas.fingerprint(tenant.schema());
            if ("1.2.0".equals(now.changelogVersion())) {
                upgraded++;
                assertThat(template.differences(fingerprint)).as(tenant.slug() + " upgraded and verified").isEmpty();
            } else {
                assertThat(now.changelogVersion()).isEqualTo("1.1.0");
                assertThat(untouched.differences(fingerprint)).as(tenant.slug() + " untouched").isEmpty();
            }
        }
        assertThat(upgraded).as("the crash came in the middle").isBetween(1, behind.size() - 1);

        // the next start (this context, told it is ready again) resumes the upgrade by itself
        var finished = new CompletableFuture<FleetUpgradeReport>();
        var subscription = progress.subscribe(update -> {
            if (update instanceof ProvisioningProgress.FleetUpdated f && f.report().finished()) {
                finished.complete(f.report());
            }
        });
        FleetUpgradeReport next;
        try {
            context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context,
                    Duration.ZERO));
            next = finished.get(5, TimeUnit.MINUTES);
        } finally {
            subscription.run();
        }

        signIn(OPERATOR);
        for (var tenant : behind) {
            assertThat(fixtures.current(tenant).changelogVersion()).isEqualTo("1.2.0");
            assertThat(template.differences(schemas.fingerprint(tenant.schema()))).isEmpty();
            assertThat(runs.of(tenant.id())).flatMap(ProvisioningRun::steps).extracting(ProvisioningRun.Step::status)
                    .doesNotContain(RunStatus.RUNNING);
        }
        assertThat(next.results()).filteredOn(r -> behind.stream().map(TenantSummary::id).anyMatch(r.tenant()::equals))
                .hasSize(behind.size() - upgraded).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.UPGRADED));
    }
}
