package io.concierge.changes;

import io.concierge.configuration.ChangeEffect;
import io.concierge.configuration.FieldChange;

import java.util.List;
import java.util.Optional;

/**
 * Everything a reviewer needs: the request, its human diff against its base and what the change does, what
 * changed in the area since the base (for a conflicted request), the approvals and the timeline, and whether the
 * signed-in user may approve it (empty) or why not.
 */
public record ChangeReview(ChangeRequest request, List<FieldChange> changes, ChangeEffect effect,
                           List<FieldChange> changedSince, List<Approval> approvals, List<TimelineEntry> timeline,
                           Optional<String> approvalRefusal) {
}
