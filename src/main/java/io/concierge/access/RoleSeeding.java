package io.concierge.access;

import io.concierge.security.Actors;
import io.concierge.tenant.TenantEvent.TenantActivated;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A tenant that becomes active gets the template roles, so partner admins review rather than start blank. */
@Component
class RoleSeeding {

    private final AccessService access;

    RoleSeeding(AccessService access) {
        this.access = access;
    }

    @ApplicationModuleListener
    void on(TenantActivated event) {
        Actors.runAsSystem(() -> access.seedFromTemplates(event.tenant(), event.slug()));
    }
}
