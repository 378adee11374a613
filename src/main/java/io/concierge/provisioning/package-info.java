/** Builds, verifies, upgrades and drops the tenants' database schemas, and shows operators how each run went. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"tenant", "security", "shared", "shared :: *"})
package io.concierge.provisioning;
