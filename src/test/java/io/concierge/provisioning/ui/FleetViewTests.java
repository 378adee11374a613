package io.concierge.provisioning.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.button.Button;
import io.concierge.provisioning.FleetUpgrades;
import io.concierge.provisioning.NextRelease;
import io.concierge.provisioning.ProvisioningRun;
import io.concierge.provisioning.ProvisioningRuns;
import io.concierge.provisioning.RunKind;
import io.concierge.provisioning.RunStatus;
import io.concierge.provisioning.internal.RunRecorder;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.provisioning.TenantFixtures;
import io.concierge.provisioning.TenantUpgradeResult;
import io.concierge.shared.TenantId;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NextRelease
class FleetViewTests extends KaribuTest {

    @Autowired
    TenantService tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RunRecorder recorder;
    @Autowired
    ProvisioningRuns provisioningRuns;
    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    FleetUpgrades fleet;
    TenantFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new TenantFixtures(tenants, jdbc);
    }

    @Test
    void an_operator_sees_the_tenants_behind_and_upgrades_them_all() {
        var behind = fixtures.at110("fleetui", 2);
        login(OPERATOR);
        navigate("fleet");
        var view = (FleetView) currentView();
        assertThat(view.summary.getText()).startsWith("Newest changelog release: 1.2.0 · ");
        assertThat(items(view.behind)).extracting(TenantSummary::id).containsAll(ids(behind));

        _click(_get(Button.class, spec -> spec.withText("Upgrade all")));

        await().atMost(Duration.ofMinutes(3)).pollInSameThread().pollInterval(Duration.ofMillis(200)).until(() -> {
            MockVaadin.clientRoundtrip();
            return items(view.results).stream().filter(r -> ids(behind).contains(r.tenant())).count() == 2
                    && !items(view.behind).stream().map(TenantSummary::id).toList().containsAll(ids(behind));
        });
        assertThat(items(view.results)).filteredOn(r -> ids(behind).contains(r.tenant()))
                .allSatisfy(r -> {
                    assertThat(r.outcome()).isEqualTo(TenantUpgradeResult.Outcome.UPGRADED);
                    assertThat(r.toVersion()).isEqualTo("1.2.0");
                    assertThat(r.changesetsApplied()).isEqualTo(1);
                });
        assertThat(items(view.behind)).extracting(TenantSummary::id).doesNotContainAnyElementsOf(ids(behind));
    }

    @Test
    void after_a_crash_the_next_start_resumes_the_upgrade_and_the_page_says_so() {
        var behind = fixtures.at110("crashup", 2);
        var cutShort = behind.get(0);
        // what a console killed (kill -9) in the middle of an upgrade leaves: the run and its step RUNNING
        Actors.runAsSystem(() -> recorder.start(cutShort.id(), cutShort.slug(), RunKind.UPGRADE, "1.1.0"));
        jdbc.update("""
                INSERT INTO concierge.provisioning_step (run_id, position, name, status, started_at)
                SELECT id, 1, 'upgraded', 'RUNNING', now() FROM concierge.provisioning_run
                 WHERE tenant_id = ? AND status = 'RUNNING'""", cutShort.id().value());
        jdbc.update("INSERT INTO concierge.fleet_upgrade (id, started_at) VALUES (gen_random_uuid(), now())");

        // the next start closes the run cut short and resumes the upgrade ("Upgrade all") by itself
        context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));

        await().atMost(Duration.ofMinutes(3)).pollInSameThread().pollInterval(Duration.ofMillis(200)).until(() ->
                behind.stream().allMatch(t -> "1.2.0".equals(fixtures.current(t).changelogVersion())));
        var runs = Actors.callAs(CurrentUser.SYSTEM, () -> provisioningRuns.of(cutShort.id()));
        assertThat(runs).filteredOn(r -> r.status() == RunStatus.FAILED).singleElement().satisfies(r -> {
            assertThat(r.error()).startsWith("Interrupted");
            assertThat(r.steps()).extracting(ProvisioningRun.Step::status).containsExactly(RunStatus.FAILED);
        });
        await().atMost(Duration.ofMinutes(1)).pollInSameThread().until(() -> Actors.callAs(CurrentUser.SYSTEM,
                () -> provisioningRuns.of(cutShort.id())).get(0).status() == RunStatus.SUCCEEDED);

        login(OPERATOR);
        // the resumed upgrade may still be busy with other tenants behind; the page is read once it is done
        await().atMost(Duration.ofMinutes(3)).pollInSameThread().pollInterval(Duration.ofMillis(200))
                .until(() -> !fleet.overview().upgradeRunning());
        navigate("fleet");
        var view = (FleetView) currentView();
        assertThat(view.interrupted.getText()).startsWith("A schema upgrade was cut short when the console stopped "
                + "unexpectedly").contains(cutShort.slug().value())
                .contains("The console resumed it when it started again. ");
        assertThat(items(view.behind)).extracting(TenantSummary::id).doesNotContain(cutShort.id());
    }

    @Test
    void a_one_tenant_upgrade_cut_short_is_resumed_for_that_tenant_only() {
        var asked = fixtures.at110("crashone", 1).get(0);
        var other = fixtures.at110("crashnot", 1).get(0);
        // an operator upgraded one tenant when the console died: the upgrade's record is left open
        jdbc.update("INSERT INTO concierge.fleet_upgrade (id, tenant_id, started_at) VALUES (gen_random_uuid(), ?, now())",
                asked.id().value());

        context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));

        await().atMost(Duration.ofMinutes(3)).pollInSameThread().pollInterval(Duration.ofMillis(200)).until(() ->
                "1.2.0".equals(fixtures.current(asked).changelogVersion()));
        await().atMost(Duration.ofMinutes(1)).pollInSameThread().until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM concierge.fleet_upgrade WHERE finished_at IS NULL", Integer.class) == 0);
        assertThat(fixtures.current(other).changelogVersion()).as("not asked for, so not upgraded").isEqualTo("1.1.0");
        assertThat(jdbc.queryForList("SELECT outcome FROM concierge.fleet_upgrade WHERE tenant_id = ? ORDER BY started_at",
                String.class, asked.id().value())).containsExactly("INTERRUPTED", "FINISHED");
    }

    @Test
    void an_operator_upgrades_one_tenant_from_its_page() {
        var tenant = fixtures.at110("pageup", 1).get(0);
        login(OPERATOR);
        navigate("tenants/" + tenant.slug());

        _click(_get(_get(RunsCard.class), Button.class, spec -> spec.withText("Upgrade schema to 1.2.0")));

        await().atMost(Duration.ofMinutes(2)).pollInSameThread()
                .until(() -> "1.2.0".equals(fixtures.current(tenant).changelogVersion()));
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> {
            MockVaadin.clientRoundtrip();
            return _find(_get(RunsCard.class), Button.class).isEmpty();
        });
    }

    @Test
    void auditors_and_partner_admins_see_no_upgrade_action_on_a_tenant_behind() {
        var tenant = fixtures.at110("pagero", 1).get(0);
        for (var user : List.of(AUDITOR, partnerAdmin(tenant.id(), tenant.slug()))) {
            login(user);
            navigate("tenants/" + tenant.slug());
            assertThat(_find(_get(RunsCard.class), Button.class)).as(user.username()).isEmpty();
        }
    }

    @Test
    void partner_admins_and_auditors_cannot_open_the_fleet_view() {
        var tenant = fixtures.active("fleetdeny", 1).get(0);
        for (var user : List.of(AUDITOR, partnerAdmin(tenant.id(), tenant.slug()))) {
            login(user);
            assertRefused("fleet");
        }
    }

    private static <T> List<T> items(com.vaadin.flow.component.grid.Grid<T> grid) {
        return com.github.mvysny.kaributesting.v10.GridKt._findAll(grid);
    }

    private static List<TenantId> ids(List<TenantSummary> tenants) {
        return tenants.stream().map(TenantSummary::id).toList();
    }

}
