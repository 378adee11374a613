package io.concierge.rules;

/** How thoroughly an investor's identity was verified; a higher level includes the lower ones. */
public enum KycLevel {
    BASIC("Basic"),
    STANDARD("Standard"),
    ENHANCED("Enhanced");

    private final String label;

    KycLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
