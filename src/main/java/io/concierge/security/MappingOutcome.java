package io.concierge.security;

import io.concierge.shared.TenantId;

import java.util.List;

/**
 * What a set of claims gives under the mapping rules: one role (and, for a partner admin, one tenant), or a
 * refusal that says why. Mapping is strict: no matching rule, or rules that disagree, means no sign-in.
 */
public record MappingOutcome(Role role, TenantId tenant, String tenantSlug, List<String> matchedRules,
                             String refusal) {

    public boolean granted() {
        return refusal == null;
    }

    /** What the user sees or an operator reads in "Test a mapping". */
    public String describe() {
        if (!granted()) {
            return refusal;
        }
        return (role == Role.PARTNER_ADMIN ? role.label() + " of tenant " + tenantSlug : role.label())
                + " (by " + String.join(", ", matchedRules) + ")";
    }
}
