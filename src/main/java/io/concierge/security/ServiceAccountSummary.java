package io.concierge.security;

import io.concierge.shared.TenantId;

import java.time.Instant;

/** A service account: a role (of one tenant, for a partner admin's) that calls the API with its tokens only. */
public record ServiceAccountSummary(String name, String description, Role role, TenantId tenant, String tenantSlug,
                                    boolean active, String createdBy, Instant createdAt) {

    /** The name it acts under in the audit history and in version records. */
    public String actorName() {
        return ApiTokenService.SERVICE_PREFIX + name;
    }
}
