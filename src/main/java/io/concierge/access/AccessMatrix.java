package io.concierge.access;

import io.concierge.shared.InvalidValueException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A tenant's roles and their scopes: the content of the ACCESS area. Its JSON form is the contract the
 * publishing module projects to Redis:
 * {@code {"catalogVersion":"2026.11","roles":[{"key":"investor","name":"Investor","scopes":["orders:create"]}]}}.
 * Edits return a new matrix; nothing changes until the service saves one.
 */
public record AccessMatrix(String catalogVersion, List<RoleGrant> roles) {

    public AccessMatrix {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public Optional<RoleGrant> role(String key) {
        return roles.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    public boolean can(String roleKey, String scope) {
        return role(roleKey).map(r -> r.grants(scope)).orElse(false);
    }

    /** The roles that grant the scope, in column order. */
    public List<RoleGrant> whoCan(String scope) {
        return roles.stream().filter(r -> r.grants(scope)).toList();
    }

    public AccessMatrix withGrant(String roleKey, String scope, boolean granted) {
        return replacing(roleKey, r -> r.withScope(scope, granted));
    }

    public AccessMatrix withGrants(String roleKey, Collection<String> scopes, boolean granted) {
        return replacing(roleKey, r -> r.withScopes(scopes, granted));
    }

    public AccessMatrix withRole(RoleGrant role) {
        var next = new ArrayList<>(roles);
        next.add(role);
        return new AccessMatrix(catalogVersion, next);
    }

    public AccessMatrix withRoleRenamed(String roleKey, String name) {
        return replacing(roleKey, r -> r.renamed(name));
    }

    public AccessMatrix withoutRole(String roleKey) {
        return new AccessMatrix(catalogVersion, roles.stream().filter(r -> !r.key().equals(roleKey)).toList());
    }

    private AccessMatrix replacing(String roleKey, UnaryOperator<RoleGrant> change) {
        if (role(roleKey).isEmpty()) {
            throw new InvalidValueException("role", "There is no role with key '" + roleKey + "'.");
        }
        return new AccessMatrix(catalogVersion,
                roles.stream().map(r -> r.key().equals(roleKey) ? change.apply(r) : r).toList());
    }
}
