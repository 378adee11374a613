package io.concierge.security;

import io.concierge.security.internal.ApiTokens;
import io.concierge.security.internal.ConsoleUserAdministration;
import io.concierge.security.internal.MappingRules;
import io.concierge.security.internal.SessionTracker;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Operators manage console users here. Passwords are generated, shown once to the operator, and stored
 * only as hashes.
 */
@Service
public class ConsoleUserService {

    private final ConsoleUserAdministration administration;
    private final TenantAccess access;
    private final SessionTracker sessions;
    private final MappingRules providers;
    private final ApiTokens tokens;

    ConsoleUserService(ConsoleUserAdministration administration, TenantAccess access, SessionTracker sessions,
                       MappingRules providers, ApiTokens tokens) {
        this.administration = administration;
        this.access = access;
        this.sessions = sessions;
        this.providers = providers;
        this.tokens = tokens;
    }

    /** Every console user (operators and auditors only). */
    public List<ConsoleUserSummary> list() {
        access.requireReadAll("list console users");
        return administration.list();
    }

    /** Refuses (InvalidValueException on "username") a username the console would not create; checks its form only. */
    public static void checkUsername(String username) {
        ConsoleUserAdministration.checkUsername(username);
    }

    /** Creates a partner admin bound to the tenant; returns the one-time password to hand over. */
    public String invitePartnerAdmin(String username, TenantId tenant, TenantSlug slug) {
        access.requireOperator("invite a partner admin");
        return administration.create(username, Role.PARTNER_ADMIN, tenant, slug, access.actorName());
    }

    /** Creates an operator or auditor; returns the one-time password. */
    public String createStaff(String username, Role role) {
        access.requireOperator("create a console user");
        if (role == Role.PARTNER_ADMIN) {
            throw new io.concierge.shared.InvalidValueException("role", "A partner admin is invited from the tenant's page.");
        }
        return administration.create(username, role, null, null, access.actorName());
    }

    /** Creates a user with a password the operator chose (demo seeding, scripted set-up). */
    public void createWithPassword(String username, String password, Role role, TenantId tenant, TenantSlug slug) {
        access.requireOperator("create a console user");
        administration.createWithPassword(username, password, role, tenant, slug, access.actorName());
    }

    public boolean exists(String username) {
        return administration.exists(username);
    }

    /**
     * Whether a console user of that name exists and is active. Users that single sign-on maps on the fly exist
     * once they signed in; a deactivated user approves nothing.
     */
    public boolean isActive(String username) {
        return administration.isActive(username);
    }

    public void deactivate(String username) {
        access.requireOperator("deactivate a console user");
        if (username.equals(access.actorName())) {
            throw new io.concierge.shared.InvalidValueException("You cannot deactivate your own account.");
        }
        administration.setActive(username, false, access.actorName());
        // a deactivated user is out now, not when their session times out (managed users: whatever the provider says)
        sessions.expireAll(username);
        // and so are their API tokens, for good: activating the user again does not bring them back
        tokens.revokeAllOf(username, access.actorName());
    }

    public void activate(String username) {
        access.requireOperator("activate a console user");
        administration.setActive(username, true, access.actorName());
    }

    /** Sets a new generated password, lifts any pause of their sign-in, and returns the password to hand over. */
    public String resetPassword(String username) {
        access.requireOperator("reset a password");
        return administration.resetPassword(username, access.actorName());
    }

    /** Whether any partner admin of the tenant has signed in (an onboarding checklist item). */
    public boolean partnerAdminHasSignedIn(TenantId tenant) {
        access.requireRead(tenant, "read the tenant's users");
        return administration.anySignedIn(tenant);
    }

    /** Whether the signed-in user holds a generated password that must be replaced before anything else. */
    public boolean mustChangePassword() {
        return access.current().map(u -> administration.mustChangePassword(u.username())).orElse(false);
    }

    /**
     * Where the signed-in user's identity comes from: the display name of the single sign-on provider that
     * manages them (they have no console password), or empty for a local account.
     */
    public Optional<String> myIdentityProvider() {
        return access.current().flatMap(u -> administration.managedBy(u.username()))
                .map(id -> providers.providers().stream().filter(p -> p.id().equals(id)).findFirst()
                        .map(SsoProvider::displayName).orElse(id));
    }

    /** Whether a console user is signed in (rather than nobody, or background work). */
    public boolean signedIn() {
        return access.current().filter(u -> u != CurrentUser.SYSTEM).isPresent();
    }

    /** The signed-in user changes their own password (current password required; see the password rules). */
    public void changeOwnPassword(String currentPassword, String newPassword) {
        var user = access.current().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException(
                "Sign in to change your password."));
        administration.changeOwnPassword(user.username(), currentPassword, newPassword);
    }

    /** Of the given tenants, those with a partner admin who has signed in (one query for a page of tenants). */
    public Set<TenantId> tenantsWithSignedInAdmin(Collection<TenantId> tenants) {
        tenants.forEach(t -> access.requireRead(t, "read the tenant's users"));
        return administration.tenantsWithSignedInAdmin(tenants);
    }

    /** How many tenants have a partner admin who has signed in (the go-live funnel). */
    public long countTenantsWithSignedInAdmin() {
        access.requireReadAll("count console users");
        return administration.countTenantsWithSignedInAdmin();
    }

    /** The tenant's partner admins. */
    public List<ConsoleUserSummary> partnerAdmins(TenantId tenant) {
        access.requireRead(tenant, "read the tenant's users");
        return administration.list().stream().filter(u -> tenant.equals(u.tenant())).toList();
    }
}
