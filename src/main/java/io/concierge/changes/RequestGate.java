package io.concierge.changes;

import io.concierge.configuration.ChangeGate;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.Submission;
import io.concierge.shared.TenantId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The configuration model's gate: where the tenant's policy asks for approvals, a user's save becomes a change
 * request (and no version); with a policy of 0 it goes through as before. The requests are looked up lazily:
 * they apply through the very service that asks this gate.
 */
@Component
class RequestGate implements ChangeGate {

    private final ApprovalPolicies policies;
    private final ObjectProvider<ChangeRequests> requests;

    RequestGate(ApprovalPolicies policies, ObjectProvider<ChangeRequests> requests) {
        this.policies = policies;
        this.requests = requests;
    }

    @Override
    public Optional<Submission.Proposed> intercept(ConfigArea area, TenantId tenant, long expectedVersion,
                                                   String content, String comment) {
        var required = policies.required(tenant, area);
        if (required == 0) {
            return Optional.empty();
        }
        return Optional.of(requests.getObject().propose(area, tenant, expectedVersion, content, comment, required));
    }
}
