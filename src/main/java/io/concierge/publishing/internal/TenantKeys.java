package io.concierge.publishing.internal;

import io.concierge.shared.TenantSlug;

import java.util.regex.Pattern;

/**
 * The Redis key names of one tenant (docs/redis-contract.md). Every key carries the tenant's slug as the Redis
 * Cluster hash tag, so all of them live in one slot and one script can replace them together. Only a
 * {@link TenantSlug} (validated on creation) and role keys matching {@link #ROLE_KEY} ever become part of a key.
 */
public record TenantKeys(TenantSlug slug) {

    public static final String NAMESPACE = "concierge:";
    public static final String CHANNEL = "concierge:publications";
    public static final int CONTRACT = 1;
    public static final Pattern ROLE_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    public String prefix() {
        return NAMESPACE + "{" + slug.value() + "}:";
    }

    public String meta() {
        return prefix() + "meta";
    }

    public String status() {
        return prefix() + "status";
    }

    public String roles() {
        return prefix() + "roles";
    }

    public String branding() {
        return prefix() + "branding";
    }

    public String rules() {
        return prefix() + "rules";
    }

    /**
     * Console-internal bookkeeping, not part of what the platform reads: each role's digest as last written, so a
     * publication can leave unchanged role sets alone (see publish.lua).
     */
    public String digests() {
        return prefix() + "digests";
    }

    public String rolePrefix() {
        return prefix() + "role:";
    }

    public String role(String roleKey) {
        if (roleKey == null || !ROLE_KEY.matcher(roleKey).matches()) {
            throw new PublicationException("role key '" + roleKey + "' is not valid (lower-case letters, digits, "
                    + "'_' and '-', starting with a letter, at most 64 characters)");
        }
        return rolePrefix() + roleKey;
    }
}
