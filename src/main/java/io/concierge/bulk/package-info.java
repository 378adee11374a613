/**
 * Bulk onboarding: a CSV or JSON file of tenants, validated whole (every error by row and field) before anything
 * is created, then a persisted job that registers each row through the ordinary {@code TenantService.register}
 * path with bounded parallelism, follows its provisioning and reports a result per row. A module of its own
 * rather than part of {@code tenant}: a row may start "like" another tenant, which the bundles module provides,
 * and bundles already depends on tenant. See docs/decisions/2026-12-02-bundles-and-bulk-onboarding.md.
 */
@org.springframework.modulith.ApplicationModule
package io.concierge.bulk;
