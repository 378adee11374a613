package io.concierge.audit;

import java.time.Instant;
import java.util.List;

/**
 * Who could exercise {@code scope} in a tenant at a moment: the roles of the roles-and-permissions version
 * current then whose scopes contain it. {@code version} is null when no such version had been saved yet.
 */
public record ScopeHolders(String tenantSlug, String scope, Instant at, Long version, String catalogVersion,
                           List<RoleGrant> roles) {

    public record RoleGrant(String key, String name) {
    }
}
