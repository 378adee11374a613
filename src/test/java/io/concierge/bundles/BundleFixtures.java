package io.concierge.bundles;

import io.concierge.access.AccessService;
import io.concierge.access.AccessTestTenants;
import io.concierge.branding.BrandingService;
import io.concierge.branding.BrandingTestData;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;

/** Two active tenants for bundle tests: a source whose branding was saved ("Globex Invest") and a fresh target. */
public final class BundleFixtures {

    private BundleFixtures() {
    }

    public record SourceAndTarget(TenantSummary source, TenantSummary target) {
    }

    public static SourceAndTarget sourceAndTarget(TenantService tenants, AccessService access,
                                                  BrandingService branding) {
        var source = AccessTestTenants.activeTenant(tenants, access);
        var target = AccessTestTenants.activeTenant(tenants, access);
        Actors.runAs(CurrentUser.SYSTEM, () -> branding.save(source.id(), 0, BrandingTestData.valid("Globex Invest"),
                "Globex colours"));
        return new SourceAndTarget(source, target);
    }
}
