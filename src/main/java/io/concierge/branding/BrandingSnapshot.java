package io.concierge.branding;

import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

/**
 * What the branding editor opens on. {@code version} is 0 and {@code saved} false when the tenant has no branding
 * yet: {@code branding} is then a starting point that is stored only when somebody saves it.
 */
public record BrandingSnapshot(TenantId tenant, TenantSlug slug, String tenantName, Branding branding, long version,
                               boolean saved, boolean editable) {
}
