package io.concierge.provisioning;

import java.time.Duration;
import java.util.List;

/**
 * Progress and outcome of one fleet upgrade: {@code total} tenants were behind; {@code results} grows as they
 * finish. {@code error} is set when the run could not start or stopped as a whole (for example the changelog
 * itself fails on a fresh schema).
 */
public record FleetUpgradeReport(String targetVersion, int total, List<TenantUpgradeResult> results,
                                 boolean finished, Duration elapsed, String error) {

    public long count(TenantUpgradeResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }
}
