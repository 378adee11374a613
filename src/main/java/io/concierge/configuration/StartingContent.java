package io.concierge.configuration;

import io.concierge.shared.TenantId;

import java.util.Map;
import java.util.Optional;

/**
 * Where a new tenant's first versions come from when it was created from something ("create like globex", a
 * bundle file). The bundles module implements it; {@link FirstVersions} asks it once, when the tenant becomes
 * active, and falls back to each area's own seed for the areas it does not name. One seeding path either way.
 */
public interface StartingContent {

    /** The tenant's starting content, or empty when it was created from nothing in particular. */
    Optional<Start> of(TenantId tenant);

    /** The content of each named area (the area's stored JSON) and the comment its first version carries. */
    record Start(Map<ConfigArea, String> areas, String comment) {
    }
}
