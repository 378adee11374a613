package io.concierge.provisioning;

/** What a run did to a tenant's schema. */
public enum RunKind {
    /** Created the schema (a copy of the template) for a new or retried tenant. */
    PROVISION,
    /** Applied newer changesets to an existing schema. */
    UPGRADE;

    public String label() {
        return this == PROVISION ? "Provisioning" : "Upgrade";
    }
}
