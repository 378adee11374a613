package io.concierge.bundles;

import io.concierge.configuration.ConfigArea;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A read and checked configuration bundle: the content of each area it carries, as that area stores it
 * (validated by the area, canonical JSON), the approvals each area it names needs (0 to
 * {@link io.concierge.changes.ApprovalPolicies#MAX_APPROVALS}; an area it does not name keeps its policy), and the
 * tenant it was exported from (informative, may be null).
 */
public record Bundle(String sourceTenant, Map<ConfigArea, String> areas, Map<ConfigArea, Integer> policies) {

    public Bundle {
        areas = Collections.unmodifiableMap(copy(areas));
        policies = Collections.unmodifiableMap(copy(policies));
    }

    private static <V> EnumMap<ConfigArea, V> copy(Map<ConfigArea, V> map) {
        var copy = new EnumMap<ConfigArea, V>(ConfigArea.class);
        copy.putAll(map);
        return copy;
    }
}
