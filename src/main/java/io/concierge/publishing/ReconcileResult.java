package io.concierge.publishing;

import java.util.List;

/**
 * Outcome of comparing the cache with the database: tenants checked, tenants whose cache differed (drift),
 * how many of those were rewritten, and the ones that could not be ("slug: reason").
 */
public record ReconcileResult(int checked, int drifted, int repaired, List<String> failures) {

    public ReconcileResult {
        failures = List.copyOf(failures);
    }

    public int failed() {
        return failures.size();
    }
}
