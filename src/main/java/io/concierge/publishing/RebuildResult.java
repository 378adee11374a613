package io.concierge.publishing;

import java.time.Duration;
import java.util.List;

/** Outcome of republishing every tenant: how many, how many failed ("slug: reason"), and how long it took. */
public record RebuildResult(int tenants, int published, List<String> failures, Duration took) {

    public RebuildResult {
        failures = List.copyOf(failures);
    }
}
