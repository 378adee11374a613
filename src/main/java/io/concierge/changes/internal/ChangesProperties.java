package io.concierge.changes.internal;

import io.concierge.configuration.ConfigArea;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code concierge.changes.*}.
 *
 * @param scheduleInterval how often due scheduled applies are looked for (0: never, tests apply explicitly)
 * @param defaultApprovals approvals an area needs where an operator set no policy for the tenant; areas not
 *                         listed need none
 */
@ConfigurationProperties("concierge.changes")
public record ChangesProperties(@DefaultValue("15s") Duration scheduleInterval,
                                Map<ConfigArea, Integer> defaultApprovals) {

    public ChangesProperties {
        var defaults = new EnumMap<ConfigArea, Integer>(ConfigArea.class);
        defaults.put(ConfigArea.ACCESS, 1);
        defaults.put(ConfigArea.RULES, 1);
        defaults.put(ConfigArea.BRANDING, 0);
        if (defaultApprovals != null) {
            defaults.putAll(defaultApprovals);
        }
        defaults.values().forEach(n -> {
            if (n < 0 || n > 3) {
                throw new IllegalArgumentException("concierge.changes.default-approvals must be 0 to 3, not " + n);
            }
        });
        defaultApprovals = Map.copyOf(defaults);
    }

    public int defaultFor(ConfigArea area) {
        return defaultApprovals.getOrDefault(area, 0);
    }
}
