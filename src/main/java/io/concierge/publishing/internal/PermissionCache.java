package io.concierge.publishing.internal;

import io.concierge.configuration.ConfigArea;
import io.concierge.shared.TenantSlug;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The platform's permission cache in Redis, as specified in docs/redis-contract.md. All writes of a tenant go
 * through one Lua script over that tenant's hash-tagged keys (EVALSHA, falling back to EVAL once per server), which
 * works the same on a single Redis and on a Redis Cluster, where MULTI is not available.
 */
public class PermissionCache {

    /** How a publication treats what Redis already holds (see publish.lua). */
    public enum Mode {
        /** Refuses a sequence older than or equal to the cached one, and keys of the wrong type. */
        NORMAL("0"),
        /** Rewrites the cached sequence too, replacing wrongly typed keys: repairs drift. */
        REPAIR("1"),
        /** Ignores the cached sequence: for a cache that holds a sequence the database never issued. */
        RESET("2");

        private final String arg;

        Mode(String arg) {
            this.arg = arg;
        }
    }

    /** {@code written} false: Redis already held {@code heldSequence}, newer than or equal to the offered one. */
    public record Outcome(boolean written, long heldSequence) {
    }

    /** A tenant's keys as read back. {@code wrongTypes}: keys holding a type the contract does not allow. */
    public record Cached(Map<String, String> meta, CacheContent content, List<String> wrongTypes) {

        public long sequence() {
            try {
                return Long.parseLong(meta.getOrDefault("sequence", "0"));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    @SuppressWarnings("rawtypes") // a script returning a Redis array is typed by List.class
    private static final RedisScript<List> PUBLISH =
            RedisScript.of(new ClassPathResource("io/concierge/publishing/internal/publish.lua"), List.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ =
            RedisScript.of(new ClassPathResource("io/concierge/publishing/internal/read.lua"), List.class);
    private static final Pattern ROLE_KEY_IN_NAME = Pattern.compile("concierge:\\{([^}]*)}:role:(.*)");

    private final StringRedisTemplate redis;

    public PermissionCache(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public Outcome publish(TenantSnapshot snapshot, Mode mode, Instant at) {
        var keys = snapshot.keys();
        var content = snapshot.content();
        var checksum = snapshot.checksum();
        var keyList = new ArrayList<String>(List.of(keys.meta(), keys.status(), keys.roles(), keys.branding(), keys.rules()));
        var args = new ArrayList<String>();
        args.add(Long.toString(snapshot.sequence()));
        args.add(mode.arg);
        args.add(keys.rolePrefix());
        args.add(content.status());
        args.add(content.branding() == null ? "" : content.branding());
        args.add(content.rules() == null ? "" : content.rules());
        args.add(TenantKeys.CHANNEL);
        args.add("{\"tenant\":\"" + snapshot.slug().value() + "\",\"sequence\":" + snapshot.sequence()
                + ",\"checksum\":\"" + checksum + "\",\"status\":\"" + content.status() + "\"}");
        var meta = meta(snapshot, checksum, at);
        args.add(Integer.toString(meta.size()));
        meta.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        content.roles().forEach((role, scopes) -> {
            keyList.add(keys.role(role));
            args.add(Integer.toString(scopes.size()));
            args.addAll(scopes);
        });
        List<?> result = redis.execute(PUBLISH, keyList, args.toArray());
        if (result == null || result.size() != 2) {
            throw new IllegalStateException("unexpected reply from the publish script: " + result);
        }
        return new Outcome(((Number) result.get(0)).longValue() == 1, ((Number) result.get(1)).longValue());
    }

    private static Map<String, String> meta(TenantSnapshot snapshot, String checksum, Instant at) {
        var meta = new LinkedHashMap<String, String>();
        meta.put("contract", Integer.toString(TenantKeys.CONTRACT));
        meta.put("tenant", snapshot.slug().value());
        meta.put("tenant_id", snapshot.tenant().toString());
        meta.put("sequence", Long.toString(snapshot.sequence()));
        meta.put("checksum", checksum);
        meta.put("status", snapshot.status().name());
        meta.put("published_at", at.toString());
        for (var area : ConfigArea.values()) {
            meta.put(area.key() + "_version", Long.toString(snapshot.version(area)));
        }
        meta.put("catalog_version", snapshot.catalogVersion() == null ? "" : snapshot.catalogVersion());
        return meta;
    }

    public Cached read(TenantSlug slug) {
        var keys = new TenantKeys(slug);
        List<?> result = redis.execute(READ,
                List.of(keys.meta(), keys.status(), keys.roles(), keys.branding(), keys.rules()), keys.rolePrefix());
        if (result == null || result.size() != 6) {
            throw new IllegalStateException("unexpected reply from the read script: " + result);
        }
        var wrong = strings(result.get(0));
        var flat = strings(result.get(1));
        var meta = new HashMap<String, String>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            meta.put(flat.get(i), flat.get(i + 1));
        }
        var roles = new HashMap<String, List<String>>();
        for (var entry : (List<?>) result.get(5)) {
            var pair = (List<?>) entry;
            roles.put((String) pair.get(0), strings(pair.get(1)));
        }
        var content = CacheContent.of((String) result.get(2), (String) result.get(3), (String) result.get(4), roles);
        return new Cached(meta, content, wrong);
    }

    /**
     * Role keys present in Redis for the given tenant ({@code slug}) or for all tenants (null), by slug text. A
     * role key not listed in its tenant's roles set is a stray: written by someone else, and it must go.
     */
    public Map<String, Set<String>> roleKeysPresent(TenantSlug slug) {
        var pattern = slug == null ? TenantKeys.NAMESPACE + "*:role:*" : new TenantKeys(slug).rolePrefix() + "*";
        var found = new HashMap<String, Set<String>>();
        redis.execute((RedisCallback<Void>) connection -> {
            var options = ScanOptions.scanOptions().match(pattern).count(1000).build();
            if (connection instanceof RedisClusterConnection cluster) {
                // a cluster scans node by node; a single tenant's keys all live on the node owning its slot
                var nodes = new ArrayList<RedisClusterNode>();
                if (slug == null) {
                    cluster.clusterGetNodes().forEach(n -> {
                        if (n.isMaster()) {
                            nodes.add(n);
                        }
                    });
                } else {
                    nodes.add(cluster.clusterGetNodeForKey(new TenantKeys(slug).meta().getBytes(StandardCharsets.UTF_8)));
                }
                for (var node : nodes) {
                    try (var cursor = cluster.scan(node, options)) {
                        cursor.forEachRemaining(key -> collect(found, key));
                    }
                }
            } else {
                try (var cursor = connection.keyCommands().scan(options)) {
                    cursor.forEachRemaining(key -> collect(found, key));
                }
            }
            return null;
        });
        return found;
    }

    private static void collect(Map<String, Set<String>> found, byte[] key) {
        var m = ROLE_KEY_IN_NAME.matcher(new String(key, StandardCharsets.UTF_8));
        if (m.matches()) {
            found.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
        }
    }

    /** Deletes role keys of the tenant that its roles set does not list. */
    public void deleteStrayRoles(TenantSlug slug, Set<String> roles) {
        var keys = new TenantKeys(slug);
        // not via TenantKeys.role(): a stray may carry any name, which is exactly why it has to go
        redis.delete(roles.stream().map(r -> keys.rolePrefix() + r).toList());
    }

    public void ping() {
        redis.execute((RedisCallback<String>) connection -> connection.ping());
    }

    private static List<String> strings(Object list) {
        var result = new ArrayList<String>();
        if (list instanceof List<?> l) {
            l.forEach(o -> result.add((String) o));
        }
        return result;
    }
}
