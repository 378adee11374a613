package io.concierge.provisioning;

import io.concierge.tenant.TenantSummary;

import java.util.List;

/**
 * Where the fleet stands, from the tenants' stored changelog versions (no database schema is inspected):
 * the changelog's newest release, the upgradable tenants that are behind it, how many are current, and whether
 * this console instance is running a fleet upgrade right now.
 */
public record FleetOverview(String latestVersion, List<TenantSummary> behind, int current, boolean upgradeRunning) {
}
