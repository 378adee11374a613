package io.concierge.provisioning.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Names of the tenants' database roles ({@code concierge.tenant-roles.*}, docs/postgres-contract.md).
 *
 * @param prefix       put before the slug in every tenant role's name; blank means the database's name and '_'
 *                     (so two console databases on one server never share a role)
 * @param platformRole the platform's login role, made a member of every ACTIVE tenant's role; blank means the
 *                     prefix and {@code platform}
 */
@ConfigurationProperties("concierge.tenant-roles")
public record TenantRolesProperties(String prefix, String platformRole) {
}
