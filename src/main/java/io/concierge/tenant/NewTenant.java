package io.concierge.tenant;

/**
 * What an operator fills in to create a tenant. {@code firstAdminUsername} is optional; when given, a partner
 * admin bound to the new tenant is created in the same transaction.
 */
public record NewTenant(String slug, String displayName, String contactEmail, String firstAdminUsername) {
}
