package io.concierge.security;

import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

import java.util.Optional;

/** Who is acting. A partner admin always carries the one tenant they are bound to. */
public record CurrentUser(String username, Role role, TenantId tenant, TenantSlug tenantSlug) {

    /**
     * The console itself, acting on its own (scheduled and resumed work, bulk jobs): the audit log names it by
     * this username, which no console account may therefore take.
     */
    public static final CurrentUser SYSTEM = new CurrentUser("system", Role.OPERATOR, null, null);

    /** Whether an actor's username is the console's own (see {@link #SYSTEM}). */
    public static boolean isSystem(String username) {
        return SYSTEM.username.equals(username);
    }

    public boolean is(Role r) {
        return role == r;
    }

    public Optional<TenantId> boundTenant() {
        return Optional.ofNullable(tenant);
    }
}
