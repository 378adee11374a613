package io.concierge.changes;

import io.concierge.access.AccessMatrix;
import io.concierge.access.AccessService;
import io.concierge.access.AccessTestTenants;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.Submission;
import io.concierge.security.Actors;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant whose roles need approvals, with real console users around it: its partner admin (the author), a second
 * partner admin (the reviewer), and a second operator. Users are created as operators create them, so the
 * "never a deactivated user" rule reads real accounts.
 */
public final class ChangeFixtures {

    public static final String PASSWORD = "change-request-test-password";

    private final TenantService tenants;
    private final AccessService access;
    private final ConsoleUserService users;
    private final ApprovalPolicies policies;
    private final ConfigurationAreas areas;

    public ChangeFixtures(TenantService tenants, AccessService access, ConsoleUserService users, ApprovalPolicies policies,
                   ConfigurationAreas areas) {
        this.tenants = tenants;
        this.access = access;
        this.users = users;
        this.policies = policies;
        this.areas = areas;
    }

    /** The people of one gated tenant. */
    public record Gated(TenantSummary tenant, CurrentUser author, CurrentUser reviewer, CurrentUser operator) {
    }

    /** An active tenant with seeded roles whose matrix needs {@code approvals} approvals. */
    public Gated gatedTenant(int approvals) {
        var tenant = Actors.callAs(CurrentUser.SYSTEM, () -> AccessTestTenants.activeTenant(tenants, access));
        var author = user(tenant, "admin");
        var reviewer = user(tenant, "reviewer");
        var operator = new CurrentUser("ops-" + tenant.slug().value().replace('_', '-'), Role.OPERATOR, null, null);
        Actors.runAs(CurrentUser.SYSTEM, () -> {
            users.createWithPassword(author.username(), PASSWORD, Role.PARTNER_ADMIN, tenant.id(), tenant.slug());
            users.createWithPassword(reviewer.username(), PASSWORD, Role.PARTNER_ADMIN, tenant.id(), tenant.slug());
            users.createWithPassword(operator.username(), PASSWORD, Role.OPERATOR, null, null);
            policies.set(tenant.id(), ConfigArea.ACCESS, approvals, "Four eyes on roles");
        });
        return new Gated(tenant, author, reviewer, operator);
    }

    private static CurrentUser user(TenantSummary tenant, String suffix) {
        return new CurrentUser(tenant.slug().value().replace('_', '-') + "-" + suffix, Role.PARTNER_ADMIN, tenant.id(),
                tenant.slug());
    }

    /** The current matrix of the tenant, read as the system. */
    public AccessMatrix matrix(TenantSummary tenant) {
        return Actors.callAs(CurrentUser.SYSTEM, () -> access.current(tenant.id()).orElseThrow().matrix());
    }

    public long version(TenantSummary tenant) {
        return Actors.callAs(CurrentUser.SYSTEM, () -> access.current(tenant.id()).orElseThrow().version().version());
    }

    /** {@code who} proposes to grant {@code scope} to {@code role}, through the editors' path; returns the request. */
    public long propose(Gated gated, CurrentUser who, String role, String scope) {
        return Actors.callAs(who, () -> {
            var base = version(gated.tenant());
            var submission = areas.submit(access.area(), gated.tenant().id(), base,
                    matrix(gated.tenant()).withGrant(role, scope, true), "Grant " + scope + " to " + role);
            assertThat(submission).isInstanceOf(Submission.Proposed.class);
            return ((Submission.Proposed) submission).request();
        });
    }
}
