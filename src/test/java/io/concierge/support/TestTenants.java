package io.concierge.support;

import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Tenants for tests, made the way operators make them: registered, then provisioned for real in the background. */
public final class TestTenants {

    private TestTenants() {
    }

    /** Registers a tenant and waits until provisioning has made it ACTIVE. */
    public static TenantSummary active(TenantService tenants, String slug) {
        var registered = Actors.callAs(CurrentUser.SYSTEM, () ->
                tenants.register(new NewTenant(slug, "Tenant " + slug, "ops@" + slug.replace('_', '-') + ".example",
                        null)).tenant());
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Actors.callAs(CurrentUser.SYSTEM, () -> tenants.find(registered.id()).orElseThrow()),
                        t -> {
                            if (t.status() == TenantStatus.FAILED) {
                                throw new AssertionError("provisioning of " + slug + " failed: " + t.statusReason());
                            }
                            return t.status() == TenantStatus.ACTIVE;
                        });
    }
}
