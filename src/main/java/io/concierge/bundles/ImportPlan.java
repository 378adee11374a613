package io.concierge.bundles;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.FieldChange;
import io.concierge.tenant.TenantSummary;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What importing a bundle into {@code target} would do, area by area, with nothing written. Applying it is
 * based on the versions it saw ({@link #basedOn()}): an area saved since makes the apply a conflict.
 */
public record ImportPlan(TenantSummary target, Bundle bundle, List<AreaPlan> areas) {

    public ImportPlan {
        areas = List.copyOf(areas);
    }

    /** One area: the version the plan is based on (0: never saved) and the changes, in the area's words. */
    public record AreaPlan(ConfigArea area, long basedOn, List<FieldChange> changes, boolean changed) {

        public AreaPlan {
            changes = List.copyOf(changes);
        }
    }

    /** True when the bundle matches the target already: applying would write nothing. */
    public boolean nothingToDo() {
        return areas.stream().noneMatch(AreaPlan::changed);
    }

    /** The version of each area the plan saw; what an API client sends back to apply it. */
    public Map<ConfigArea, Long> basedOn() {
        var versions = new EnumMap<ConfigArea, Long>(ConfigArea.class);
        areas.forEach(a -> versions.put(a.area(), a.basedOn()));
        return versions;
    }
}
