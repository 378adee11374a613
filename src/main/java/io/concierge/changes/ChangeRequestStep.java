package io.concierge.changes;

import io.concierge.configuration.ConfigArea;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

/**
 * A step of a change request or an approval policy change, published in its transaction so the audit history
 * records it in the same commit. {@code request} is null for a policy change that needed no approval.
 */
public record ChangeRequestStep(Long request, TenantId tenant, TenantSlug slug, ConfigArea area, Step step,
                                String actor, String detail) {

    public enum Step {
        PROPOSED, REVISED, APPROVED, REJECTED, WITHDRAWN, SCHEDULED, APPLIED, BREAK_GLASS, BREAK_GLASS_REVIEWED,
        CONFLICTED, REBASED, NOT_APPLIED, POLICY_CHANGED
    }
}
