package io.concierge.provisioning;

import java.util.List;

/**
 * How a tenant's schema compares with the template of its changelog version: structure, ownership and privileges.
 *
 * @param result      what the check found
 * @param summary     one sentence for the tenant page
 * @param differences what the schema lacks ("missing: ...") or has in excess ("unexpected: ..."), when it drifted
 */
public record SchemaCheck(Result result, String summary, List<String> differences) {

    public SchemaCheck {
        differences = List.copyOf(differences);
    }

    public enum Result {
        /** Equal to the template, privileges included. */
        MATCHES,
        /** Differs from the template: changed by hand, or a grant added or taken away. */
        DRIFTED,
        /** At an older changelog version than the template: an upgrade brings it level, so it is not compared. */
        BEHIND,
        /** The tenant has no schema to check (not provisioned yet, failed, or offboarded). */
        NOT_CHECKED
    }
}
