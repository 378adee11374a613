package io.concierge.configuration;

/**
 * Whether the signed-in user may change a tenant's area now, and if not, why, in words for a banner. There is
 * one rule (see {@link ConfigurationAreas#editability}); the store enforces the same rule on every save.
 */
public record Editability(Reason reason, String message) {

    public enum Reason {
        /** The user may edit. */
        EDITABLE,
        /** The user's role or tenant does not allow changes (auditors, or a partner admin of another tenant). */
        NOT_PERMITTED,
        /** The tenant is offboarded: its history stays, nothing may change. */
        OFFBOARDED,
        /** The tenant is suspended: its partner admins read only until an operator resumes it. */
        SUSPENDED,
        /** The editor shows an old version, which is never edited in place (restore it from the history). */
        HISTORICAL
    }

    static final Editability EDITABLE = new Editability(Reason.EDITABLE, null);

    public boolean editable() {
        return reason == Reason.EDITABLE;
    }
}
