package io.concierge.provisioning;



/**
 * Where the fleet stands, from the tenants' stored changelog versions (no database schema is inspected): the
 * changelog's newest release, how many upgradable tenants are behind it and how many are current (one grouped
 * count: the page costs the same with 10,000 tenants; {@link FleetUpgrades#behind} pages the list), and whether
 * this console instance is running a fleet upgrade right now.
 */
public record FleetOverview(String latestVersion, long behind, long current, boolean upgradeRunning) {
}
