package io.concierge.configuration.internal;

import io.concierge.configuration.ConfigArea;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;

/** Stores an area by its stable key ("branding"), not by enum name. */
@Converter
class ConfigAreaConverter implements AttributeConverter<ConfigArea, String> {

    @Override
    public String convertToDatabaseColumn(ConfigArea area) {
        return area == null ? null : area.key();
    }

    @Override
    public ConfigArea convertToEntityAttribute(String key) {
        return key == null ? null : Arrays.stream(ConfigArea.values()).filter(a -> a.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown configuration area '" + key + "'"));
    }
}
