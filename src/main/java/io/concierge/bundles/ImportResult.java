package io.concierge.bundles;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.Submission;

import java.util.List;

/**
 * What an applied import did to each area of the bundle: a new version, a change request where the area needs
 * approval, or nothing (the area matched already, {@code submission} null).
 */
public record ImportResult(List<AreaOutcome> areas) {

    public ImportResult {
        areas = List.copyOf(areas);
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
