package io.concierge.security;

import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

import java.util.Optional;

/**
 * Implemented by the tenant module, so that security (which the tenant module uses) can name a tenant in a
 * mapping rule without depending on it.
 */
public interface TenantDirectory {

    record TenantRef(TenantId id, TenantSlug slug) {
    }

    /** The tenant with that slug, if it exists and is not offboarded. */
    Optional<TenantRef> bySlug(String slug);
}
