package io.concierge.changes;

import io.concierge.ConciergeApplication;
import io.concierge.access.AccessService;
import io.concierge.changes.internal.ScheduledApplies;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.security.Actors;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two console instances on one database (this test's application context and a second one started here) run their
 * scheduled applies at the same moment: every due request is applied exactly once, as one version.
 */
class ScheduledApplyInstancesTests extends IntegrationTest {

    @Autowired
    ChangeRequests requests;
    @Autowired
    ApprovalPolicies policies;
    @Autowired
    ScheduledApplies scheduled;
    @Autowired
    TenantService tenants;
    @Autowired
    AccessService access;
    @Autowired
    ConsoleUserService users;
    @Autowired
    ConfigurationAreas areas;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_due_request_fires_once_across_two_instances() throws Exception {
        var fixtures = new ChangeFixtures(tenants, access, users, policies, areas);
        var due = new ArrayList<ChangeFixtures.Gated>();
        var ids = new ArrayList<Long>();
        for (int i = 0; i < 3; i++) {
            var gated = fixtures.gatedTenant(1);
            var id = fixtures.propose(gated, gated.author(), "advisor", "orders:cancel");
            Actors.runAs(gated.author(), () -> requests.schedule(id, Instant.now().plus(Duration.ofHours(1))));
            Actors.runAs(gated.reviewer(), () -> requests.approve(id,
                    requests.find(id).orElseThrow().contentChecksum(), null));
            due.add(gated);
            ids.add(id);
        }
        jdbc.update("UPDATE concierge.change_request SET apply_at = now() - interval '1 second' WHERE id IN (?, ?, ?)",
                ids.toArray());

        try (var second = new SpringApplicationBuilder(ConciergeApplication.class)
                .run("--server.port=0", "--concierge.changes.schedule-interval=0s")) {
            var other = second.getBean(ScheduledApplies.class);
            var barrier = new CyclicBarrier(2);
            var pool = Executors.newFixedThreadPool(2);
            try {
                Callable<Integer> here = () -> {
                    barrier.await();
                    return scheduled.runOnce();
                };
                Callable<Integer> there = () -> {
                    barrier.await();
                    return other.runOnce();
                };
                var a = pool.submit(here);
                var b = pool.submit(there);
                assertThat(a.get() + b.get()).as("requests applied by the two instances together").isEqualTo(3);
            } finally {
                pool.shutdownNow();
            }
        }

        for (int i = 0; i < 3; i++) {
            var gated = due.get(i);
            var request = Actors.callAs(CurrentUser.SYSTEM, () -> requests.find(ids.get(due.indexOf(gated)))
                    .orElseThrow());
            assertThat(request.state()).isEqualTo(ChangeState.APPLIED);
            assertThat(request.appliedBy()).isEqualTo("system");
            assertThat(Actors.callAs(CurrentUser.SYSTEM, () -> areas.history(gated.tenant().id(), ConfigArea.ACCESS)))
                    .as("one version from the apply").hasSize(2);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM concierge.change_request_event WHERE request_id = ? "
                    + "AND kind = 'Applied'", Long.class, request.id())).isEqualTo(1);
        }
    }
}
