package io.concierge.shared.ui;

import com.vaadin.flow.component.Component;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

import java.util.Optional;

/**
 * A section that a feature module adds to a tenant's detail page (provisioning runs, configuration areas,
 * publication status, the onboarding checklist). The tenant module collects every bean of this type, so
 * it needs to know none of the modules that contribute.
 */
public interface TenantPanel {

    /** Lower comes first. */
    int order();

    /**
     * Builds the panel for the current user, or nothing when the panel has nothing for them.
     *
     * @param tenantChanged to call when the panel knows the tenant's own record changed (for example it
     *                      became ACTIVE), so the page refreshes its header
     */
    Optional<Component> create(TenantId tenant, TenantSlug slug, Runnable tenantChanged);
}
