package io.concierge.configuration;

/** The configuration areas of a tenant. Each is versioned on its own. */
public enum ConfigArea {
    BRANDING("branding", "Branding"),
    RULES("rules", "Investment rules"),
    ACCESS("access", "Roles and permissions");

    private final String key;
    private final String label;

    ConfigArea(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** Stable lower-case name used in URLs, Redis keys and exports. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }
}
