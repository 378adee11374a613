package io.concierge.changes;

import io.concierge.configuration.ConfigArea;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

import java.time.Instant;

/**
 * A change request as people see it. {@code content} is the whole proposed content (the area's JSON; for a policy
 * request {@code {"approvals": n}}), {@code baseVersion} what it replaces (for a policy request: the number of
 * approvals the policy had). {@code approvals} counts the approvals that name the current content checksum and
 * base; {@code intact} is false when the stored content no longer matches its checksum (changed outside the
 * console), and then nothing can approve or apply it.
 */
public record ChangeRequest(long id, TenantId tenant, TenantSlug slug, ConfigArea area, ChangeKind kind,
                            ChangeState state, long baseVersion, String content, String contentChecksum,
                            int requiredApprovals, int approvals, boolean intact, String author, String authorRole,
                            String comment, Instant createdAt, Instant updatedAt, Instant applyAt,
                            Long appliedVersion, String appliedBy, Instant appliedAt, String breakGlassReason,
                            String breakGlassReviewedBy, String stateNote) {

    /** "#12 · Roles and permissions of acme" */
    public String title() {
        return "#" + id + " · " + (kind == ChangeKind.POLICY ? "Approval policy for " + area.label().toLowerCase()
                : area.label()) + " of " + slug.value();
    }

    public boolean breakGlass() {
        return breakGlassReason != null;
    }

    /** The request's page in the console. */
    public String link() {
        return "changes/" + id;
    }
}
