package io.concierge.shared.ui;

import io.concierge.shared.TenantId;

import java.util.Collection;
import java.util.Map;

/**
 * An extra column a feature module adds to the operators' tenants grid (for example the onboarding
 * checklist). Values are fetched per page, for the tenants on it, so the grid stays lazy.
 */
public interface TenantColumn {

    String header();

    int order();

    Map<TenantId, String> values(Collection<TenantId> tenants);
}
