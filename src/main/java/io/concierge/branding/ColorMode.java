package io.concierge.branding;

import com.fasterxml.jackson.annotation.JsonValue;

/** The investor app's appearance before the investor picks one. */
public enum ColorMode {
    LIGHT("light", "Light"),
    DARK("dark", "Dark");

    private final String key;
    private final String label;

    ColorMode(String key, String label) {
        this.key = key;
        this.label = label;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }
}
