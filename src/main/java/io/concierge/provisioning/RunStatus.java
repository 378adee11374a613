package io.concierge.provisioning;

/** The state of a run or of one of its steps. */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED;

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
