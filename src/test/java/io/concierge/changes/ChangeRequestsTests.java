package io.concierge.changes;

import io.concierge.access.AccessService;
import io.concierge.audit.AuditAction;
import io.concierge.audit.AuditEntry;
import io.concierge.audit.AuditFilter;
import io.concierge.audit.AuditLog;
import io.concierge.changes.internal.ScheduledApplies;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.publishing.PublishingService;
import io.concierge.publishing.internal.TenantKeys;
import io.concierge.security.Actors;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.shared.ConflictException;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Change requests against the real PostgreSQL and Redis: the platform sees nothing of a proposal, the new scopes
 * right after the apply; every refusal of the approval rules; the races; scheduled applies and break glass; policy
 * changes that loosen.
 */
class ChangeRequestsTests extends IntegrationTest {

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
    PublishingService publishing;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLog audit;

    ChangeFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new ChangeFixtures(tenants, access, users, policies, areas);
    }

    @Test
    void redis_keeps_the_old_scopes_while_a_change_waits_and_has_the_new_ones_right_after_the_approval() {
        var gated = fixtures.gatedTenant(1);
        var tenant = gated.tenant();
        await().atMost(Duration.ofSeconds(10)).until(() -> isUpToDate(tenant));
        assertThat(member(tenant, "advisor", "payments:approve-withdrawal")).isFalse();

        var id = fixtures.propose(gated, gated.author(), "advisor", "payments:approve-withdrawal");

        assertThat(fixtures.version(tenant)).as("a proposal is no version").isEqualTo(1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> !member(tenant, "advisor", "payments:approve-withdrawal"));
        var review = Actors.callAs(gated.reviewer(), () -> requests.review(id).orElseThrow());
        assertThat(review.request().state()).isEqualTo(ChangeState.OPEN);
        assertThat(review.changes()).extracting(c -> c.describe()).containsExactly("Advisor: + payments:approve-withdrawal");
        assertThat(review.effect().loosened()).containsExactly("Advisor gains payments:approve-withdrawal");
        assertThat(review.effect().sensitive()).containsExactly("payments:approve-withdrawal: Advisor gains it");
        assertThat(review.approvalRefusal()).isEmpty();

        var applied = Actors.callAs(gated.reviewer(), () -> requests.approve(id, review.request().contentChecksum(), "ok"));

        assertThat(applied.state()).isEqualTo(ChangeState.APPLIED);
        assertThat(applied.appliedVersion()).isEqualTo(2);
        assertThat(fixtures.matrix(tenant).can("advisor", "payments:approve-withdrawal")).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> member(tenant, "advisor", "payments:approve-withdrawal"));
        assertThat(actions(tenant)).contains(AuditAction.CHANGE_PROPOSED, AuditAction.CHANGE_APPROVED,
                AuditAction.CHANGE_APPLIED, AuditAction.CONFIGURATION_SAVED);
        assertThat(Actors.callAs(OPERATOR, () -> audit.verifyIntegrity().intact())).isTrue();
    }

    @Test
    void the_author_an_auditor_another_tenant_and_a_deactivated_user_cannot_approve() {
        var gated = fixtures.gatedTenant(1);
        var id = fixtures.propose(gated, gated.author(), "advisor", "orders:cancel");
        var checksum = checksum(gated, id);

        assertRefusal(gated.author(), id, checksum, "You proposed this change; someone else must approve it.");
        assertRefusal(AUDITOR, id, checksum, "Auditors read change requests; they never approve or reject them.");
        var other = fixtures.gatedTenant(1);
        Actors.runAs(other.reviewer(), () -> assertThatThrownBy(() -> requests.approve(id, checksum, null))
                .isInstanceOf(AccessDeniedException.class));
        Actors.runAs(OPERATOR, () -> users.deactivate(gated.reviewer().username()));
        assertRefusal(gated.reviewer(), id, checksum, "Your account " + gated.reviewer().username()
                + " is not an active console user; a deactivated user approves nothing.");
        // the operator who authored is refused too
        var byOperator = fixtures.propose(gated, gated.operator(), "advisor", "orders:approve");
        assertRefusal(gated.operator(), byOperator, checksum(gated, byOperator),
                "You proposed this change; someone else must approve it.");

        assertThat(fixtures.version(gated.tenant())).isEqualTo(1);
        Actors.runAs(gated.operator(), () -> requests.approve(id, checksum, null));
        assertThat(fixtures.matrix(gated.tenant()).can("advisor", "orders:cancel")).isTrue();
    }

    @Test
    void revising_the_proposed_content_voids_every_approval_and_an_approval_of_the_old_content_is_refused() {
        var gated = fixtures.gatedTenant(2);
        var id = fixtures.propose(gated, gated.author(), "advisor", "orders:cancel");
        var first = checksum(gated, id);
        Actors.runAs(gated.reviewer(), () -> requests.approve(id, first, "fine"));
        assertThat(find(id).approvals()).isEqualTo(1);

        Actors.runAs(gated.author(), () -> requests.revise(id, first, access.area(),
                fixtures.matrix(gated.tenant()).withGrant("advisor", "orders:approve", true), "Approve, not cancel"));

        var revised = find(id);
        assertThat(revised.approvals()).isZero();
        assertThat(revised.state()).isEqualTo(ChangeState.OPEN);
        assertThat(revised.contentChecksum()).isNotEqualTo(first);
        Actors.runAs(gated.operator(), () -> assertThatThrownBy(() -> requests.approve(id, first, null))
                .isInstanceOf(ConflictException.class).hasMessage("The proposed content of change request #" + id
                        + " changed after you opened it; review the new content before approving."));
        var approvals = Actors.callAs(gated.operator(), () -> requests.review(id).orElseThrow().approvals());
        assertThat(approvals).singleElement().satisfies(a -> assertThat(a.valid()).isFalse());
    }

    @Test
    void content_edited_directly_in_the_database_is_neither_approved_nor_applied() {
        var gated = fixtures.gatedTenant(2);
        var id = fixtures.propose(gated, gated.author(), "advisor", "orders:cancel");
        var checksum = checksum(gated, id);
        Actors.runAs(gated.reviewer(), () -> requests.approve(id, checksum, null));

        jdbc.update("UPDATE concierge.change_request SET content = replace(content, 'orders:cancel', "
                + "'payments:approve-withdrawal') WHERE id = ?", id);

        assertThat(find(id).intact()).isFalse();
        assertRefusal(gated.operator(), id, checksum, "The stored content of change request #" + id
                + " does not match the checksum it was proposed and approved with: it was changed outside the console. "
                + "It can be neither approved nor applied; withdraw it and propose the change again.",
                ConflictException.class);
        assertThat(fixtures.version(gated.tenant())).isEqualTo(1);
        assertThat(fixtures.matrix(gated.tenant()).can("advisor", "payments:approve-withdrawal")).isFalse();
    }

    @Test
    void a_version_saved_after_the_base_makes_the_request_conflicted_and_a_rebase_needs_approving_again() {
        var gated = fixtures.gatedTenant(1);
        var id = fixtures.propose(gated, gated.author(), "advisor", "orders:cancel");
        var checksum = checksum(gated, id);
        Actors.runAs(OPERATOR, () -> access.save(gated.tenant().id(), 1,
                fixtures.matrix(gated.tenant()).withoutRole("support_agent"), "No support agents"));

        var conflicted = Actors.callAs(gated.reviewer(), () -> requests.approve(id, checksum, null));

        assertThat(conflicted.state()).isEqualTo(ChangeState.CONFLICTED);
        assertThat(conflicted.stateNote()).startsWith("Version 2 was saved by ops at").contains("Nothing was overwritten");
        assertThat(fixtures.version(gated.tenant())).isEqualTo(2);
        var review = Actors.callAs(gated.author(), () -> requests.review(id).orElseThrow());
        assertThat(review.changedSince()).extracting(c -> c.describe()).contains("Roles: − Support agent (support_agent)");

        Actors.runAs(gated.author(), () -> requests.rebase(id));
        var rebased = find(id);
        assertThat(rebased.state()).isEqualTo(ChangeState.OPEN);
        assertThat(rebased.baseVersion()).isEqualTo(2);
        assertThat(rebased.approvals()).as("the approval named the old base").isZero();
        Actors.runAs(gated.operator(), () -> requests.approve(id, rebased.contentChecksum(), null));
        assertThat(find(id).appliedVersion()).isEqualTo(3);
    }

    @Test
    void two_approvers_at_the_same_moment_make_exactly_one_apply_and_one_version() throws Exception {
        for (int round = 0; round < 3; round++) {
            var gated = fixtures.gatedTenant(1);
            var id = fixtures.propose(gated, gated.author(), "advisor", "orders:cancel");
            var checksum = checksum(gated, id);

            var outcomes = race(() -> Actors.callAs(gated.reviewer(), () -> requests.approve(id, checksum, null)),
                    () -> Actors.callAs(gated.operator(), () -> requests.approve(id, checksum, null)));

            assertThat(outcomes).filteredOn(o -> o instanceof ChangeRequest).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ConflictException).singleElement()
                    .satisfies(e -> assertThat(((Exception) e).getMessage())
                            .isEqualTo("Change request #" + id + " is applied; there is nothing to approve."));
            assertThat(Actors.callAs(OPERATOR, () -> areas.history(gated.tenant().id(), ConfigArea.ACCESS))).hasSize(2);
            assertThat(actions(gated.tenant()).stream().filter(a -> a == AuditAction.CHANGE_APPLIED)).hasSize(1);
        }
    }

    @Test
    void an_approval_racing_a_revision_never_applies_content_nobody_approved() throws Exception {
        for (int round = 0; round < 3; round++) {
            var gated = fixtures.gatedTenant(1);
            var id = fixtures.propose(gated, gated.author(), "advisor", "orders:cancel");
            var checksum = checksum(gated, id);
            var unapproved = fixtures.matrix(gated.tenant()).withGrant("advisor", "payments:refund", true);

            var outcomes = race(() -> Actors.callAs(gated.reviewer(), () -> requests.approve(id, checksum, null)),
                    () -> Actors.callAs(gated.author(), () -> requests.revise(id, checksum, access.area(), unapproved,
                            "Refunds too")));

            var after = find(id);
            var matrix = fixtures.matrix(gated.tenant());
            assertThat(matrix.can("advisor", "payments:refund")).as("content nobody approved").isFalse();
            if (after.state() == ChangeState.APPLIED) {
                assertThat(matrix.can("advisor", "orders:cancel")).isTrue();
                assertThat(((Exception) outcomes.get(1)).getMessage())
                        .isEqualTo("Change request #" + id + " is applied; it can no longer be revised.");
            } else {
                assertThat(after.state()).isEqualTo(ChangeState.OPEN);
                assertThat(((Exception) outcomes.get(0)).getMessage()).isEqualTo("The proposed content of change request #"
                        + id + " changed after you opened it; review the new content before approving.");
                assertThat(fixtures.version(gated.tenant())).isEqualTo(1);
            }
        }
    }

    @Test
    void a_scheduled_request_applies_when_due_and_not_before() {
        var gated = fixtures.gatedTenant(1);
        var id = fixtures.propose(gated, gated.author(), "advisor", "orders:cancel");
        Actors.runAs(gated.author(), () -> requests.schedule(id, Instant.now().plus(Duration.ofHours(1))));
        var checksum = checksum(gated, id);
        var approved = Actors.callAs(gated.reviewer(), () -> requests.approve(id, checksum, null));
        assertThat(approved.state()).isEqualTo(ChangeState.SCHEDULED);

        scheduled.runOnce();
        assertThat(find(id).state()).as("not due yet").isEqualTo(ChangeState.SCHEDULED);
        assertThat(fixtures.version(gated.tenant())).isEqualTo(1);

        makeDue(id);
        assertThat(scheduled.runOnce()).isEqualTo(1);
        assertThat(find(id).state()).isEqualTo(ChangeState.APPLIED);
        assertThat(fixtures.matrix(gated.tenant()).can("advisor", "orders:cancel")).isTrue();
        assertThat(scheduled.runOnce()).as("fires once").isZero();
    }

    @Test
    void a_scheduled_apply_after_the_tenant_was_suspended_or_offboarded_does_not_apply_and_says_why() {
        var gated = fixtures.gatedTenant(1);
        var suspendedOne = scheduledAndApproved(gated, "orders:cancel");
        Actors.runAs(OPERATOR, () -> tenants.suspend(gated.tenant().id(), "unpaid invoice"));
        makeDue(suspendedOne);

        scheduled.runOnce();

        var held = find(suspendedOne);
        assertThat(held.state()).isEqualTo(ChangeState.APPROVED);
        assertThat(held.stateNote()).contains("did not run: tenant '" + gated.tenant().slug() + "' is suspended (unpaid invoice)");
        assertThat(fixtures.version(gated.tenant())).isEqualTo(1);

        Actors.runAs(OPERATOR, () -> tenants.resume(gated.tenant().id()));
        var offboardedOne = scheduledAndApproved(gated, "orders:approve");
        Actors.runAs(OPERATOR, () -> tenants.offboard(gated.tenant().id(), gated.tenant().slug().value()));
        makeDue(offboardedOne);
        scheduled.runOnce();
        var gone = find(offboardedOne);
        assertThat(gone.state()).isEqualTo(ChangeState.WITHDRAWN);
        assertThat(gone.stateNote()).contains("is offboarded").contains("it can never apply");
        assertThat(actions(gated.tenant())).contains(AuditAction.CHANGE_NOT_APPLIED);
    }

    @Test
    void break_glass_needs_an_operator_and_a_reason_is_flagged_and_waits_for_another_operators_review() {
        var gated = fixtures.gatedTenant(1);
        var id = fixtures.propose(gated, gated.author(), "advisor", "orders:cancel");

        Actors.runAs(gated.reviewer(), () -> assertThatThrownBy(() -> requests.breakGlass(id, "Market is crashing"))
                .isInstanceOf(AccessDeniedException.class));
        Actors.runAs(OPERATOR, () -> assertThatThrownBy(() -> requests.breakGlass(id, "now"))
                .hasMessage("Type the reason for applying without approval (at least 10 characters); it is recorded "
                        + "and reviewed."));

        var applied = Actors.callAs(OPERATOR, () -> requests.breakGlass(id, "Advisors must cancel runaway orders now"));

        assertThat(applied.state()).isEqualTo(ChangeState.APPLIED);
        assertThat(applied.breakGlass()).isTrue();
        assertThat(fixtures.matrix(gated.tenant()).can("advisor", "orders:cancel")).isTrue();
        assertThat(Actors.callAs(OPERATOR, () -> requests.breakGlassAwaitingReview())).extracting(ChangeRequest::id).contains(id);
        assertThat(actions(gated.tenant())).contains(AuditAction.CHANGE_BREAK_GLASS);
        Actors.runAs(OPERATOR, () -> assertThatThrownBy(() -> requests.reviewBreakGlass(id, null))
                .hasMessage("You applied change request #" + id + " with break glass; another operator must review it."));

        Actors.runAs(gated.operator(), () -> requests.reviewBreakGlass(id, "Checked with the desk"));
        assertThat(Actors.callAs(OPERATOR, () -> requests.breakGlassAwaitingReview())).extracting(ChangeRequest::id)
                .doesNotContain(id);
    }

    @Test
    void raising_a_policy_applies_at_once_and_lowering_it_waits_for_another_operator() {
        var gated = fixtures.gatedTenant(1);
        var tenant = gated.tenant().id();

        var raised = Actors.callAs(OPERATOR, () -> policies.set(tenant, ConfigArea.RULES, 2, "Rules need two"));
        assertThat(raised.applied()).isTrue();
        assertThat(Actors.callAs(OPERATOR, () -> policies.required(tenant, ConfigArea.RULES))).isEqualTo(2);

        var lowered = Actors.callAs(OPERATOR, () -> policies.set(tenant, ConfigArea.ACCESS, 0, "Trust the admins"));
        assertThat(lowered.applied()).isFalse();
        assertThat(Actors.callAs(OPERATOR, () -> policies.required(tenant, ConfigArea.ACCESS))).isEqualTo(1);
        var checksum = Actors.callAs(OPERATOR, () -> requests.find(lowered.request()).orElseThrow().contentChecksum());
        assertRefusal(OPERATOR, lowered.request(), checksum, "You proposed this change; someone else must approve it.");
        assertRefusal(gated.reviewer(), lowered.request(), checksum,
                "Only an operator may approve a change of approval policy.");

        Actors.runAs(gated.operator(), () -> requests.approve(lowered.request(), checksum, "agreed"));

        assertThat(Actors.callAs(OPERATOR, () -> policies.required(tenant, ConfigArea.ACCESS))).isZero();
        assertThat(actions(gated.tenant())).contains(AuditAction.APPROVAL_POLICY_CHANGED);
        Actors.runAs(gated.author(), () -> assertThatThrownBy(() -> policies.set(tenant, ConfigArea.ACCESS, 3, "x"))
                .isInstanceOf(AccessDeniedException.class));
    }

    // ---- helpers

    private long scheduledAndApproved(ChangeFixtures.Gated gated, String scope) {
        var id = fixtures.propose(gated, gated.author(), "advisor", scope);
        Actors.runAs(gated.author(), () -> requests.schedule(id, Instant.now().plus(Duration.ofHours(1))));
        Actors.runAs(gated.reviewer(), () -> requests.approve(id, checksum(gated, id), null));
        assertThat(find(id).state()).isEqualTo(ChangeState.SCHEDULED);
        return id;
    }

    /** Time passes: the request's moment has come. */
    private void makeDue(long id) {
        jdbc.update("UPDATE concierge.change_request SET apply_at = now() - interval '1 second' WHERE id = ?", id);
    }

    /** The review says why the user may not approve, and approving is refused with it: 403 from the API. */
    private void assertRefusal(CurrentUser who, long id, String checksum, String message) {
        assertRefusal(who, id, checksum, message, AccessDeniedException.class);
    }

    private void assertRefusal(CurrentUser who, long id, String checksum, String message,
                               Class<? extends RuntimeException> refusal) {
        Actors.runAs(who, () -> {
            assertThat(requests.review(id).orElseThrow().approvalRefusal()).contains(message);
            assertThatThrownBy(() -> requests.approve(id, checksum, null)).isExactlyInstanceOf(refusal)
                    .hasMessage(message);
        });
    }

    private String checksum(ChangeFixtures.Gated gated, long id) {
        return Actors.callAs(gated.operator(), () -> requests.find(id).orElseThrow().contentChecksum());
    }

    private ChangeRequest find(long id) {
        return Actors.callAs(CurrentUser.SYSTEM, () -> requests.find(id).orElseThrow());
    }

    private boolean member(TenantSummary tenant, String role, String scope) {
        return Boolean.TRUE.equals(redis.opsForSet().isMember(new TenantKeys(tenant.slug()).role(role), scope));
    }

    private boolean isUpToDate(TenantSummary tenant) {
        return Actors.callAs(CurrentUser.SYSTEM, () -> publishing.isUpToDate(tenant.id()));
    }

    private List<AuditAction> actions(TenantSummary tenant) {
        return Actors.callAs(OPERATOR, () -> audit.page(new AuditFilter(tenant.slug().value(), null, null, null, null,
                null, null), null, 200)).stream().map(AuditEntry::action).toList();
    }

    /** Runs both at the same moment; each outcome is the result or the exception it threw. */
    @SafeVarargs
    private static List<Object> race(Callable<Object>... work) throws Exception {
        var barrier = new CyclicBarrier(work.length);
        var pool = Executors.newFixedThreadPool(work.length);
        try {
            var futures = new ArrayList<Future<Object>>();
            for (var w : work) {
                futures.add(pool.submit(() -> {
                    barrier.await();
                    try {
                        return w.call();
                    } catch (ConflictException e) {
                        // the loser of the race meets the state the winner left
                        return e;
                    }
                }));
            }
            var outcomes = new ArrayList<Object>();
            for (var f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
