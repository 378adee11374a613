package io.concierge.security;

import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

import java.util.Optional;

/** Who is acting. A partner admin always carries the one tenant they are bound to. */
public record CurrentUser(String username, Role role, TenantId tenant, TenantSlug tenantSlug) {

    public static final CurrentUser SYSTEM = new CurrentUser("system", Role.OPERATOR, null, null);

    public boolean is(Role r) {
        return role == r;
    }

    public Optional<TenantId> boundTenant() {
        return Optional.ofNullable(tenant);
    }
}
