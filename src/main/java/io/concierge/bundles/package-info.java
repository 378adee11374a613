/**
 * Configuration bundles: a tenant's whole configuration (every configuration area) as one versioned JSON
 * document checked against a published JSON Schema; import in two steps (plan, then apply through the area
 * model's one write path); and tenants created from a bundle or like another tenant. See
 * docs/decisions/2026-12-02-bundles-and-bulk-onboarding.md.
 */
@org.springframework.modulith.ApplicationModule
package io.concierge.bundles;
