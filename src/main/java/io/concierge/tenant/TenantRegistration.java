package io.concierge.tenant;

/** The outcome of creating a tenant: the tenant and, if a first admin was invited, their one-time password. */
public record TenantRegistration(TenantSummary tenant, String firstAdminPassword) {
}
