package io.concierge.bundles;

import io.concierge.configuration.ConfigArea;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A read and checked configuration bundle: the content of each area it carries, as that area stores it
 * (validated by the area, canonical JSON), and the tenant it was exported from (informative, may be null).
 */
public record Bundle(String sourceTenant, Map<ConfigArea, String> areas) {

    public Bundle {
        var copy = new EnumMap<ConfigArea, String>(ConfigArea.class);
        copy.putAll(areas);
        areas = Collections.unmodifiableMap(copy);
    }
}
