package io.concierge.configuration;

import io.concierge.configuration.Editability.Reason;
import io.concierge.security.Role;
import io.concierge.security.TenantAccess;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.springframework.stereotype.Component;

/**
 * The one rule of who may change a tenant's configuration now. Role first (operators any tenant, a partner
 * admin their own, auditors never); then the lifecycle: an offboarded tenant never changes again, and a
 * suspended one is read-only for its partner admins while operators may still correct it before resuming.
 * Editors ask it to show a banner instead of controls; the store asks it again on every save.
 */
@Component
class AreaEditRule {

    private final TenantAccess access;

    AreaEditRule(TenantAccess access) {
        this.access = access;
    }

    Editability of(TenantSummary tenant, ConfigArea area) {
        var what = area.label().toLowerCase();
        if (!access.canEdit(tenant.id())) {
            var auditor = access.current().map(u -> u.is(Role.AUDITOR)).orElse(false);
            return new Editability(Reason.NOT_PERMITTED, auditor
                    ? "You are signed in as an auditor: you can read " + what + " and its history, never change them."
                    : "You may read " + what + " of tenant '" + tenant.slug() + "' but not change it.");
        }
        if (tenant.status() == TenantStatus.OFFBOARDED) {
            return new Editability(Reason.OFFBOARDED,
                    "Tenant '" + tenant.slug() + "' is offboarded; its " + what + " can no longer change.");
        }
        if (tenant.status() == TenantStatus.SUSPENDED && !access.isOperator()) {
            return new Editability(Reason.SUSPENDED, "Tenant '" + tenant.slug() + "' is suspended"
                    + (tenant.statusReason() == null ? "" : " (" + tenant.statusReason() + ")")
                    + "; its " + what + " is read-only until an operator resumes it.");
        }
        return Editability.EDITABLE;
    }
}
