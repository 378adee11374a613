package io.concierge.provisioning.internal;

import io.concierge.tenant.TenantEvent.TenantActivated;
import io.concierge.tenant.TenantEvent.TenantOffboarded;
import io.concierge.tenant.TenantEvent.TenantResumed;
import io.concierge.tenant.TenantEvent.TenantSuspended;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the platform's login role a member of exactly the ACTIVE tenants' roles. It listens synchronously, inside the
 * transaction that changes the tenant's status, so the database refuses a suspended tenant from the moment the
 * suspension commits, and a status change whose grant fails does not commit at all.
 */
@Component
class TenantRoleMembership {

    private final TenantRoles roles;

    TenantRoleMembership(TenantRoles roles) {
        this.roles = roles;
    }

    @EventListener
    void on(TenantActivated event) {
        roles.admit(event.slug());
    }

    @EventListener
    void on(TenantResumed event) {
        roles.admit(event.slug());
    }

    @EventListener
    void on(TenantSuspended event) {
        roles.exclude(event.slug());
    }

    /** The role itself goes with the schema, once the offboarding has committed (Provisioner). */
    @EventListener
    void on(TenantOffboarded event) {
        roles.exclude(event.slug());
    }
}
