package io.concierge.security;

import io.concierge.shared.TenantId;

/** Changes to single sign-on and second factors, recorded in the audit history. No secrets are carried. */
public final class IdentityEvents {

    private IdentityEvents() {
    }

    /** An operator added or removed a mapping rule. */
    public record MappingRuleChanged(String actor, String provider, String claim, String value, Role role,
                                     TenantId tenant, boolean added) {
    }

    /** A sign-in through a provider gave a managed user another role (or tenant) than before. */
    public record ManagedRoleChanged(String provider, String username, Role before, TenantId tenantBefore,
                                     Role after, TenantId tenantAfter) {
    }

    /** A user's second factor was enrolled, reset by an operator, or given new recovery codes. */
    public record SecondFactorChanged(String actor, String username, Role role, TenantId tenant, Change change) {

        public enum Change { ENROLLED, RESET, RECOVERY_CODES_RENEWED }
    }

    /** A user's console sessions were ended: signed out everywhere, deactivated, or logged out by the provider. */
    public record SessionsEnded(String actor, String username, int sessions, String reason) {
    }
}
