package io.concierge.branding;

import com.fasterxml.jackson.annotation.JsonValue;

/** How round the investor app's cards and buttons are. */
public enum CornerStyle {
    SHARP("sharp", "Sharp", "0px"),
    ROUNDED("rounded", "Rounded", "8px"),
    PILL("pill", "Pill", "999px");

    private final String key;
    private final String label;
    private final String radius;

    CornerStyle(String key, String label, String radius) {
        this.key = key;
        this.label = label;
        this.radius = radius;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The CSS border radius of buttons (cards cap it, so a pill card is merely very round). */
    public String radius() {
        return radius;
    }
}
