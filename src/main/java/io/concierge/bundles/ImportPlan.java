package io.concierge.bundles;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.FieldChange;
import io.concierge.tenant.TenantSummary;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What importing a bundle into {@code target} would do, area by area and policy by policy, with nothing written.
 * Applying it is based on the versions it saw ({@link #basedOn()}): an area saved since makes the apply a
 * conflict. Policies are applied as they stand then: lowering one always waits for another operator, so a plan
 * grown stale can never loosen a policy unseen.
 */
public record ImportPlan(TenantSummary target, Bundle bundle, List<AreaPlan> areas, List<PolicyPlan> policies) {

    public ImportPlan {
        areas = List.copyOf(areas);
        policies = List.copyOf(policies);
    }

    /** One area: the version the plan is based on (0: never saved) and the changes, in the area's words. */
    public record AreaPlan(ConfigArea area, long basedOn, List<FieldChange> changes, boolean changed) {

        public AreaPlan {
            changes = List.copyOf(changes);
        }
    }

    /** One area's approval policy: the approvals it needs now and those the bundle asks for. */
    public record PolicyPlan(ConfigArea area, int current, int imported) {

        public boolean changed() {
            return current != imported;
        }

        /** Raising applies at once; lowering opens a policy change request another operator must approve. */
        public boolean needsApproval() {
            return imported < current;
        }

        /** The change as the diff shows it: "Approvals for investment rules 1 → 2". */
        public FieldChange change() {
            return new FieldChange("Approvals for " + area.label().toLowerCase(), String.valueOf(current),
                    String.valueOf(imported));
        }
    }

    /** True when the bundle matches the target already: applying would write nothing. */
    public boolean nothingToDo() {
        return areas.stream().noneMatch(AreaPlan::changed) && policies.stream().noneMatch(PolicyPlan::changed);
    }

    /** The version of each area the plan saw; what an API client sends back to apply it. */
    public Map<ConfigArea, Long> basedOn() {
        var versions = new EnumMap<ConfigArea, Long>(ConfigArea.class);
        areas.forEach(a -> versions.put(a.area(), a.basedOn()));
        return versions;
    }
}
