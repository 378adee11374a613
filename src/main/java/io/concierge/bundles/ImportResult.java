package io.concierge.bundles;

import io.concierge.changes.PolicyChange;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.Submission;

import java.util.List;

/**
 * What an applied import did to each approval policy and each area of the bundle: a policy raised at once or a
 * policy change request for lowering one; a new version, a change request where the area needs approval, or
 * nothing (the area matched already, {@code submission} null). Only changed policies are listed.
 */
public record ImportResult(List<PolicyOutcome> policies, List<AreaOutcome> areas) {

    public ImportResult {
        policies = List.copyOf(policies);
        areas = List.copyOf(areas);
    }

    public record PolicyOutcome(ConfigArea area, PolicyChange change) {

        /** "Approval policy: Investment rules of acme now needs 2 approvals." or the request that waits. */
        public String describe() {
            return "Approval policy: " + change.message();
        }
    }

    public record AreaOutcome(ConfigArea area, Submission submission) {

        /** One line for people: "Branding: version 4", "Roles and permissions: Change request #3 ...". */
        public String describe() {
            if (submission == null) {
                return area.label() + ": unchanged";
            }
            if (submission instanceof Submission.Saved saved) {
                return area.label() + ": saved as version " + saved.version().version();
            }
            return area.label() + ": " + ((Submission.Proposed) submission).message();
        }
    }
}
