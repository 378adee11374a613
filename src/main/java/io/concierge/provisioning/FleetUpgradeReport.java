package io.concierge.provisioning;

import java.time.Duration;
import java.util.List;

/**
 * Progress and outcome of one fleet upgrade: {@code total} tenants were behind; {@code results} grows as they
 * finish. {@code error} is set when the run could not start or stopped as a whole (for example the changelog
 * itself fails on a fresh schema). {@code plans} says, per version tenants were at, whether the upgrade was
 * planned once and replayed or runs Liquibase per schema, and why.
 */
public record FleetUpgradeReport(String targetVersion, int total, List<TenantUpgradeResult> results,
                                 boolean finished, Duration elapsed, String error, List<String> plans) {

    public FleetUpgradeReport(String targetVersion, int total, List<TenantUpgradeResult> results, boolean finished,
                              Duration elapsed, String error) {
        this(targetVersion, total, results, finished, elapsed, error, List.of());
    }

    public long count(TenantUpgradeResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }
}
