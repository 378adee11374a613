package io.concierge.changes;

/** Where a change request stands. Applied, rejected and withdrawn are final. */
public enum ChangeState {
    OPEN("Open"),
    APPROVED("Approved"),
    SCHEDULED("Scheduled"),
    APPLIED("Applied"),
    REJECTED("Rejected"),
    WITHDRAWN("Withdrawn"),
    CONFLICTED("Conflicted");

    private final String label;

    ChangeState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Still waiting for something (approval, its time, a re-base). */
    public boolean pending() {
        return this == OPEN || this == APPROVED || this == SCHEDULED || this == CONFLICTED;
    }
}
