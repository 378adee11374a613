package io.concierge.access;

import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.shared.TenantId;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStateException;
import io.concierge.tenant.TenantSummary;

import java.util.UUID;

/** Creates active tenants for access tests the way the platform does: registered, then activated by the system. */
public final class AccessTestTenants {

    private AccessTestTenants() {
    }

    /** Registers and activates a tenant as the system, then waits until its roles are seeded. */
    public static TenantSummary activeTenant(TenantService tenants, AccessService access) {
        var slug = "acc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        var tenant = Actors.callAs(CurrentUser.SYSTEM, () ->
                tenants.register(new NewTenant(slug, "Access " + slug, "ops@access.example", null)).tenant());
        Actors.runAsSystem(() -> {
            try {
                tenants.activate(tenant.id(), "test");
            } catch (TenantStateException alreadyActivatedByProvisioning) {
                // provisioning (when present) may have activated it first; either way it ends ACTIVE
            }
        });
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
