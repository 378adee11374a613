package io.concierge.security;

import io.concierge.shared.TenantId;

import java.time.Instant;
import java.util.UUID;

/** A claim value of one provider that gives one role; a partner admin's rule names exactly one tenant. */
public record MappingRule(UUID id, String provider, String claim, String value, Role role, TenantId tenant,
                          String tenantSlug, String createdBy, Instant createdAt) {

    /** "Partner admin of acme", "Operator". */
    public String grants() {
        return role == Role.PARTNER_ADMIN ? role.label() + " of " + tenantSlug : role.label();
    }
}
