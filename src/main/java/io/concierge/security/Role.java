package io.concierge.security;

/** The three kinds of console user. */
public enum Role {
    /** Internal operations: every tenant, every action. */
    OPERATOR,
    /** A partner's administrator: their own tenant's configuration only. */
    PARTNER_ADMIN,
    /** Reads everything, changes nothing. */
    AUDITOR;

    /** Constants for {@code @RolesAllowed}, which needs compile-time strings. */
    public static final class Names {
        public static final String OPERATOR = "OPERATOR";
        public static final String PARTNER_ADMIN = "PARTNER_ADMIN";
        public static final String AUDITOR = "AUDITOR";

        private Names() {
        }
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public String label() {
        return switch (this) {
            case OPERATOR -> "Operator";
            case PARTNER_ADMIN -> "Partner admin";
            case AUDITOR -> "Auditor";
        };
    }
}
