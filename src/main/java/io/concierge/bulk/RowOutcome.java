package io.concierge.bulk;

/** Where a row of a bulk job stands. CREATED, EXISTED and FAILED are final (FAILED until retried). */
public enum RowOutcome {
    /** Not started yet. */
    PENDING,
    /** Registered; its schema is being provisioned. */
    PROVISIONING,
    /** Registered and provisioned by this job: the tenant is ACTIVE. */
    CREATED,
    /** A tenant with this slug existed already; it was left as it is. */
    EXISTED,
    /** Not created, or its provisioning failed; the message says why. Can be retried. */
    FAILED;

    public boolean done() {
        return this == CREATED || this == EXISTED || this == FAILED;
    }
}
