package io.concierge.audit;

import io.concierge.configuration.ConfigArea;
import io.concierge.shared.InvalidValueException;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What part of the console an entry is about; configuration areas keep their own keys. */
public enum AuditArea {
    TENANT("tenant", "Tenant lifecycle"),
    BRANDING("branding", "Branding"),
    RULES("rules", "Investment rules"),
    ACCESS("access", "Roles and permissions"),
    USERS("users", "Console users"),
    SIGN_IN("sign-in", "Sign-in"),
    REFUSAL("refusal", "Refused access"),
    AUDIT("audit", "Audit history"),
    SSO("sso", "Single sign-on"),
    API("api", "API access");

    private final String key;
    private final String label;

    AuditArea(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static AuditArea of(ConfigArea area) {
        return switch (area) {
            case BRANDING -> BRANDING;
            case RULES -> RULES;
            case ACCESS -> ACCESS;
        };
    }

    /** The configuration area an entry of this area is about, if it is one. */
    public Optional<ConfigArea> configArea() {
        return switch (this) {
            case BRANDING -> Optional.of(ConfigArea.BRANDING);
            case RULES -> Optional.of(ConfigArea.RULES);
            case ACCESS -> Optional.of(ConfigArea.ACCESS);
            default -> Optional.empty();
        };
    }

    public static AuditArea fromKey(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst()
                .orElseThrow(() -> new InvalidValueException("area", "Unknown area '" + key + "'; expected one of "
                        + Arrays.stream(values()).map(AuditArea::key).collect(Collectors.joining(", ")) + "."));
    }
}
