package io.concierge.publishing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the platform reads for one tenant, exactly as stored in Redis: the status, the branding and rules
 * documents (null: none) and every role with its scopes. Its checksum is computed the same way from the
 * database and from what is read back, which is how drift is recognised.
 */
public record CacheContent(String status, String branding, String rules, SortedMap<String, SortedSet<String>> roles) {

    /** {@code roles} is taken as it is (no copy: a 50 x 300 matrix is copied often enough); callers pass sorted, unshared maps. */
    public CacheContent {
    }

    /** Sorts roles and scopes into fresh collections. */
    public static CacheContent of(String status, String branding, String rules, Map<String, ? extends Collection<String>> roles) {
        var sorted = new TreeMap<String, SortedSet<String>>();
        roles.forEach((role, scopes) -> sorted.put(role, new TreeSet<>(scopes)));
        return new CacheContent(status, branding, rules, sorted);
    }

    /** SHA-256 (hex) of a canonical text form; documented in docs/redis-contract.md for other clients. */
    public String checksum() {
        var text = new StringBuilder("contract=").append(TenantKeys.CONTRACT).append('\n')
                .append("status=").append(nullToEmpty(status)).append('\n')
                .append("branding=").append(nullToEmpty(branding)).append('\n')
                .append("rules=").append(nullToEmpty(rules)).append('\n');
        roles.forEach((role, scopes) -> text.append("role=").append(role).append(':')
                .append(String.join(",", scopes)).append('\n'));
        return sha256(text.toString());
    }

    /** Each role's {@link #roleDigest}, by role. */
    public SortedMap<String, String> roleDigests() {
        return roleDigests(roles);
    }

    /** Each role's {@link #roleDigest}, by role, for a matrix on its own. */
    public static SortedMap<String, String> roleDigests(SortedMap<String, SortedSet<String>> roles) {
        var digests = new TreeMap<String, String>();
        roles.forEach((role, scopes) -> digests.put(role, roleDigest(scopes)));
        return Collections.unmodifiableSortedMap(digests);
    }

    /**
     * SHA-256 (hex) of a role's scopes, sorted and joined with {@code ,} (the part after the colon of the role's
     * line in the checksum text). Kept in Redis next to the role sets so a publication can tell which sets already
     * hold what it would write (docs/redis-contract.md, key {@code digests}).
     */
    public static String roleDigest(SortedSet<String> scopes) {
        return sha256(String.join(",", scopes));
    }

    private static String sha256(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
