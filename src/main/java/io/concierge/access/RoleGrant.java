package io.concierge.access;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * One role of a tenant and the scopes it grants. Scopes are kept sorted and unique, so equal grants have
 * one stored form and diffs show only real changes.
 */
public record RoleGrant(String key, String name, List<String> scopes) {

    public RoleGrant {
        scopes = scopes == null ? List.of() : List.copyOf(new TreeSet<>(scopes));
    }

    public boolean grants(String scope) {
        return scopes.contains(scope);
    }

    public RoleGrant withScope(String scope, boolean granted) {
        var next = new TreeSet<>(scopes);
        if (granted) {
            next.add(scope);
        } else {
            next.remove(scope);
        }
        return new RoleGrant(key, name, List.copyOf(next));
    }

    public RoleGrant withScopes(Collection<String> changed, boolean granted) {
        var next = new TreeSet<>(scopes);
        if (granted) {
            next.addAll(changed);
        } else {
            next.removeAll(changed);
        }
        return new RoleGrant(key, name, List.copyOf(next));
    }

    public RoleGrant renamed(String newName) {
        return new RoleGrant(key, newName, scopes);
    }
}
