package io.concierge.tenant;

/** Filters of the tenants grid; null or blank means "any". */
public record TenantFilter(String slug, String name, TenantStatus status) {

    public static final TenantFilter ALL = new TenantFilter(null, null, null);
}
