package io.concierge.branding;

import com.fasterxml.jackson.annotation.JsonValue;

/** The fonts the investor app ships; the stack falls back to system fonts where one is missing. */
public enum FontFamily {
    INTER("inter", "Inter", "'Inter', system-ui, sans-serif"),
    ROBOTO("roboto", "Roboto", "'Roboto', system-ui, sans-serif"),
    OPEN_SANS("open-sans", "Open Sans", "'Open Sans', system-ui, sans-serif"),
    LATO("lato", "Lato", "'Lato', system-ui, sans-serif"),
    MERRIWEATHER("merriweather", "Merriweather", "'Merriweather', Georgia, serif"),
    SYSTEM("system", "System default", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif");

    private final String key;
    private final String label;
    private final String cssStack;

    FontFamily(String key, String label, String cssStack) {
        this.key = key;
        this.label = label;
        this.cssStack = cssStack;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String cssStack() {
        return cssStack;
    }
}
