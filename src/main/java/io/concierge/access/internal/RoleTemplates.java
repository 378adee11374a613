package io.concierge.access.internal;

import io.concierge.access.RoleGrant;

import java.util.List;

/** The roles a new tenant starts with (investor, advisor, branch manager, compliance officer, support agent). */
public record RoleTemplates(List<RoleGrant> roles) {

    public RoleTemplates {
        roles = List.copyOf(roles);
    }
}
