package io.concierge.changes.ui;

import com.vaadin.flow.component.Component;
import io.concierge.changes.ApprovalPolicies;
import io.concierge.changes.ChangeRequests;
import io.concierge.security.TenantAccess;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.shared.ui.TenantPanel;

import java.util.Optional;

/** Adds the tenant's open change requests and approval policies to its page. */
@org.springframework.stereotype.Component
class ChangesTenantPanel implements TenantPanel {

    private final ChangeRequests requests;
    private final ApprovalPolicies policies;
    private final TenantAccess access;

    ChangesTenantPanel(ChangeRequests requests, ApprovalPolicies policies, TenantAccess access) {
        this.requests = requests;
        this.policies = policies;
        this.access = access;
    }

    @Override
    public int order() {
        return 25;
    }

    @Override
    public Optional<Component> create(TenantId tenant, TenantSlug slug, Runnable tenantChanged) {
        if (!access.canRead(tenant)) {
            return Optional.empty();
        }
        return Optional.of(new TenantChangesSection(requests, policies, tenant, access.isOperator()));
    }
}
