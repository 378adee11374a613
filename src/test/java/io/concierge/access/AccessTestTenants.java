package io.concierge.access;

import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.shared.TenantId;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;

import java.util.UUID;

/** Active tenants for access tests, with their roles seeded from the templates. */
public final class AccessTestTenants {

    private AccessTestTenants() {
    }

    /** Registers a tenant, waits until provisioning made it ACTIVE and its roles are seeded. */
    public static TenantSummary activeTenant(TenantService tenants, AccessService access) {
        var slug = "acc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        var tenant = TestTenants.active(tenants, slug);
        awaitSeeded(access, tenant.id());
        return tenant;
    }

    public static void awaitSeeded(AccessService access, TenantId tenant) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (Actors.callAs(CurrentUser.SYSTEM, () -> access.current(tenant)).isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("roles of tenant " + tenant + " were not seeded within 20 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
