package io.concierge.publishing.internal;

import io.concierge.configuration.ConfigArea;
import io.concierge.shared.TenantSlug;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.ClusterSlotHashUtil;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * {@code written} false: Redis already held {@code heldSequence}, newer than or equal to the offered one.
     * {@code rolesWritten}: how many role sets were rewritten; the tenant's other role sets already held their scopes.
     */
    public record Outcome(boolean written, long heldSequence, int rolesWritten) {
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

    /** Tenants whose role digests this process remembers; one forgotten merely costs a full publication. */
    private static final int REMEMBERED_TENANTS = 4096;

    private final StringRedisTemplate redis;
    /**
     * Per tenant slug, the role digests this process last wrote: a hint of which role sets need not be sent again,
     * never trusted without the script's check (another console instance, a flush or tampering may have changed
     * Redis since). The maps are the snapshots' own, mostly shared with {@link SnapshotReader}'s prepared versions.
     */
    private final Map<String, Map<String, String>> lastWritten = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, String>> eldest) {
                    return size() > REMEMBERED_TENANTS;
                }
            });

    public PermissionCache(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Writes the snapshot. In {@link Mode#NORMAL}, roles whose digest is the one this process last wrote for them
     * are sent without their scopes; the script writes nothing unless Redis proves to hold them (see publish.lua),
     * and otherwise names the roles it needs, which are sent again in full. REPAIR and RESET, which exist to
     * overwrite whatever Redis holds, always send every role's scopes.
     */
    public Outcome publish(TenantSnapshot snapshot, Mode mode, Instant at) {
        var slug = snapshot.slug().value();
        var written = mode == Mode.NORMAL ? lastWritten.get(slug) : null;
        var needed = new HashSet<String>();
        // at most three attempts: memory, memory less what Redis lacked, everything (which cannot be refused)
        for (int attempt = 1; ; attempt++) {
            var keep = new HashSet<String>();
            if (written != null && attempt < 3) {
                snapshot.roleDigests().forEach((role, digest) -> {
                    if (digest.equals(written.get(role)) && !needed.contains(role)) {
                        keep.add(role);
                    }
                });
            }
            List<?> result = redis.execute(PUBLISH, keys(snapshot), args(snapshot, mode, at, keep));
            if (result == null || result.size() < 2) {
                throw new IllegalStateException("unexpected reply from the publish script: " + result);
            }
            var code = ((Number) result.get(0)).longValue();
            if (code == 2) {
                if (keep.isEmpty()) {
                    throw new IllegalStateException("the publish script asks for roles that were sent: " + result);
                }
                needed.addAll(strings(result.get(2)));
                continue;
            }
            if (code == 1) {
                lastWritten.put(slug, snapshot.roleDigests());
            }
            return new Outcome(code == 1, ((Number) result.get(1)).longValue(),
                    code == 1 ? snapshot.roleDigests().size() - keep.size() : 0);
        }
    }

    private static List<String> keys(TenantSnapshot snapshot) {
        var keys = snapshot.keys();
        var list = new ArrayList<String>(6 + snapshot.content().roles().size());
        list.addAll(List.of(keys.meta(), keys.status(), keys.roles(), keys.branding(), keys.rules(), keys.digests()));
        snapshot.content().roles().keySet().forEach(role -> list.add(keys.role(role)));
        return list;
    }

    /** The script's arguments; the scopes of roles in {@code keep} are left out. */
    private static Object[] args(TenantSnapshot snapshot, Mode mode, Instant at, Set<String> keep) {
        var content = snapshot.content();
        var checksum = snapshot.checksum();
        var meta = meta(snapshot, checksum, at);
        int size = 9 + 2 * meta.size() + 3 * content.roles().size();
        for (var role : content.roles().entrySet()) {
            size += keep.contains(role.getKey()) ? 0 : role.getValue().size();
        }
        var args = new Object[size];
        int i = 0;
        args[i++] = Long.toString(snapshot.sequence());
        args[i++] = mode.arg;
        args[i++] = snapshot.keys().rolePrefix();
        args[i++] = content.status();
        args[i++] = content.branding() == null ? "" : content.branding();
        args[i++] = content.rules() == null ? "" : content.rules();
        args[i++] = TenantKeys.CHANNEL;
        args[i++] = "{\"tenant\":\"" + snapshot.slug().value() + "\",\"sequence\":" + snapshot.sequence()
                + ",\"checksum\":\"" + checksum + "\",\"status\":\"" + content.status() + "\"}";
        args[i++] = Integer.toString(meta.size());
        for (var field : meta.entrySet()) {
            args[i++] = field.getKey();
            args[i++] = field.getValue();
        }
        for (var role : content.roles().entrySet()) {
            var scopes = role.getValue();
            var kept = keep.contains(role.getKey());
            args[i++] = snapshot.roleDigests().get(role.getKey());
            args[i++] = kept ? "keep" : "write";
            args[i++] = Integer.toString(scopes.size());
            if (!kept) {
                for (var scope : scopes) {
                    args[i++] = scope;
                }
            }
        }
        return args;
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
        List<?> result = redis.execute(READ, List.of(keys.meta(), keys.status(), keys.roles(), keys.branding(),
                keys.rules(), keys.digests()), keys.rolePrefix());
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

    /**
     * One Redis server that holds tenant keys (the single server, or each master of a cluster): its {@code run_id}
     * (new with every restart) and whether it still holds the console's marker key (gone after a restart without
     * persistence, FLUSHALL or FLUSHDB).
     */
    public record Server(String node, String runId, boolean marked) {
    }

    /** Each server holding tenant keys, with its run id and marker. */
    public List<Server> servers() {
        // the factory's own connection: the template's wraps a cluster connection in one that hides its nodes
        try (var connection = redis.getRequiredConnectionFactory().getConnection()) {
            var servers = new ArrayList<Server>();
            if (connection instanceof RedisClusterConnection cluster) {
                for (var node : masters(cluster)) {
                    var info = cluster.serverCommands().info(node, "server");
                    var marked = cluster.keyCommands().exists(bytes(markerKey(node)));
                    servers.add(new Server(node.asString(), info == null ? null : info.getProperty("run_id"),
                            Boolean.TRUE.equals(marked)));
                }
            } else {
                var info = connection.serverCommands().info("server");
                var marked = connection.keyCommands().exists(bytes(markerKey(null)));
                servers.add(new Server("redis", info == null ? null : info.getProperty("run_id"), Boolean.TRUE.equals(marked)));
            }
            return servers;
        }
    }

    /** Writes the marker key on every server holding tenant keys (see docs/redis-contract.md). */
    public void mark(String value) {
        try (var connection = redis.getRequiredConnectionFactory().getConnection()) {
            if (connection instanceof RedisClusterConnection cluster) {
                for (var node : masters(cluster)) {
                    cluster.stringCommands().set(bytes(markerKey(node)), bytes(value));
                }
            } else {
                connection.stringCommands().set(bytes(markerKey(null)), bytes(value));
            }
        }
    }

    private static List<RedisClusterNode> masters(RedisClusterConnection cluster) {
        var masters = new ArrayList<RedisClusterNode>();
        cluster.clusterGetNodes().forEach(n -> {
            // a master serving no slot holds no keys
            if (n.isMaster() && !n.getSlotRange().getSlots().isEmpty()) {
                masters.add(n);
            }
        });
        return masters;
    }

    /**
     * {@code concierge:marker:{m<n>}}, with the smallest n whose hash slot the node serves (n = 0 on a single
     * server), so each cluster node holds a marker of its own and a flush of any one of them is seen.
     */
    static String markerKey(RedisClusterNode node) {
        for (int n = 0; ; n++) {
            var key = TenantKeys.NAMESPACE + "marker:{m" + n + "}";
            if (node == null || node.servesSlot(ClusterSlotHashUtil.calculateSlot(key))) {
                return key;
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
