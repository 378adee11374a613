package io.concierge.onboarding;

import io.concierge.shared.TenantId;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a tenant's configuration has reached the platform, answered by the publishing module's state.
 */
public interface PublicationCheck {

    ItemState state(TenantId tenant);

    /** How many tenants have their configuration in the platform's cache, fleet-wide. */
    long countDone();

    /** For a page of tenants; implementations answer in one query where they can. */
    default Map<TenantId, ItemState> states(Collection<TenantId> tenants) {
        var result = new LinkedHashMap<TenantId, ItemState>();
        tenants.forEach(t -> result.put(t, state(t)));
        return result;
    }
}
