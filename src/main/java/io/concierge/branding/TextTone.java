package io.concierge.branding;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The text the investor app draws on the primary colour (header, main buttons): white, or near-black for light
 * brand colours on which white cannot reach 4.5:1. Absent in a document means light.
 */
public enum TextTone {
    LIGHT("light", "Light text", "#FFFFFF"),
    DARK("dark", "Dark text", "#111111");

    private final String key;
    private final String label;
    private final String hex;

    TextTone(String key, String label, String hex) {
        this.key = key;
        this.label = label;
        this.hex = hex;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The colour the text is drawn in, for the contrast check and the preview. */
    public String hex() {
        return hex;
    }
}
