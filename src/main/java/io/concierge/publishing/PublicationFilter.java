package io.concierge.publishing;

/** Which publications the publishing page lists: every tenant, or those with changes not yet in Redis. */
public enum PublicationFilter {
    /** Every tenant, by slug. */
    ALL,
    /** Tenants with changes not in Redis, the longest waiting first (the home page's "pending"). */
    PENDING,
    /** Of those, the ones whose last attempt failed (the home page's "failing"). */
    FAILING
}
