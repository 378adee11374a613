package io.concierge.publishing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.shared.TenantId;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads a tenant's whole publishable state from the database, in either of two ways that both make the state belong
 * to exactly its sequence, so that a later change has a higher sequence and is never refused by Redis as a duplicate
 * of this one:
 * <ul>
 * <li>{@link #read}, after the fact: the sequence first and everything in one REPEATABLE READ snapshot;</li>
 * <li>{@link #readHeld}, inside the transaction that raised the sequence, after it did: that transaction holds the
 * tenant's {@code publication} row lock, which every change to publishable state takes to raise the sequence, so
 * no other change can commit between this read and the commit (see
 * docs/decisions/2026-12-02-publication-state-from-the-save.md).</li>
 * </ul>
 *
 * <p>Versions are immutable, so the prepared content of a version (parsed matrix with each role's digest,
 * canonical document) is kept in a small cache: the snapshot only reads which versions are current, and loads a
 * version's content when it is not cached. The content of a save is prepared in its transaction and put there
 * after commit. Only
 * the newest version of each (tenant, area) is kept: it is the one every later snapshot publishes, and keeping older
 * ones too filled the cache with superseded matrices (a 50 x 300 matrix is about 2 MB on the heap), whose copying
 * made young collections, and with them publications, slow. The whole content's checksum is remembered with the
 * matrix for the status and documents it was computed with, so a tenant published again unchanged (retry,
 * reconciliation, rebuild) does not hash its whole matrix again.
 */
@Component
public class SnapshotReader {

    /** Scopes are values, not key names, but nothing that could break the checksum text or a log line passes. */
    static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_.:*/-]{1,128}");
    /** (tenant, area) pairs whose newest prepared version is kept. */
    private static final int CACHED_AREAS = 512;

    private final PublicationLedger ledger;
    private final TenantService tenants;
    private final ConfigurationStore store;
    private final ObjectMapper json;
    private final TransactionTemplate snapshot;
    private final Map<AreaKey, PreparedVersion> prepared = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<AreaKey, PreparedVersion> eldest) {
                    return size() > CACHED_AREAS;
                }
            });

    SnapshotReader(PublicationLedger ledger, TenantService tenants, ConfigurationStore store, ObjectMapper json,
                   PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.tenants = tenants;
        this.store = store;
        this.json = json;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    private record AreaKey(UUID tenant, ConfigArea area) {
    }

    private record PreparedVersion(long version, Prepared prepared) {
    }

    /**
     * An area version ready to publish: a document (branding, rules) or a matrix (access) with its roles' digests
     * and the checksum last computed around it.
     */
    private record Prepared(String document, String catalogVersion, SortedMap<String, SortedSet<String>> roles,
                            SortedMap<String, String> digests, AtomicReference<Checksummed> lastChecksum) {

        static Prepared document(String document) {
            return new Prepared(document, null, null, null, null);
        }

        static Prepared matrix(String catalogVersion, SortedMap<String, SortedSet<String>> roles) {
            return new Prepared(null, catalogVersion, roles, CacheContent.roleDigests(roles), new AtomicReference<>());
        }

        /** The checksum of {@code content}, whose roles are this matrix: computed once per status and documents. */
        String checksum(CacheContent content) {
            var last = lastChecksum.get();
            if (last != null && Objects.equals(last.status(), content.status())
                    && Objects.equals(last.branding(), content.branding()) && Objects.equals(last.rules(), content.rules())) {
                return last.checksum();
            }
            var checksum = content.checksum();
            lastChecksum.set(new Checksummed(content.status(), content.branding(), content.rules(), checksum));
            return checksum;
        }
    }

    /** A whole content's checksum and what, besides the matrix, it covered. */
    private record Checksummed(String status, String branding, String rules, String checksum) {
    }

    public TenantSnapshot read(TenantId id) {
        return Actors.callAs(CurrentUser.SYSTEM, () -> snapshot.execute(tx -> readInSnapshot(id)));
    }

    /**
     * Prepares a version while it is being saved, in the saving transaction, so that the publication that follows
     * the commit starts from it: the matrix parsed, each role's digest and the whole content's checksum (for the
     * tenant's status and documents as they stand) computed, none of it between the commit and Redis. The result
     * is kept only once the save commits ({@link Ready#committed}); the publication reads the version itself when
     * the content could not be prepared (and reports why).
     */
    public Ready ready(TenantId tenant, ConfigArea area, long version, String content) {
        Prepared result;
        try {
            result = prepare(area, version, content);
        } catch (PublicationException invalid) {
            result = null;
        }
        if (result != null && result.roles() != null) {
            var status = Actors.callAs(CurrentUser.SYSTEM, () -> tenants.find(tenant)).map(t -> t.status());
            if (status.isPresent() && status.get() != TenantStatus.OFFBOARDED) {
                result.checksum(new CacheContent(status.get().name(),
                        document(cached(tenant, ConfigArea.BRANDING)), document(cached(tenant, ConfigArea.RULES)),
                        result.roles()));
            }
        }
        return new Ready(new AreaKey(tenant.value(), area), version, result);
    }

    /** A saved version that could not be prepared: the publication reads it after the commit. */
    public Ready unprepared(TenantId tenant, ConfigArea area, long version) {
        return new Ready(new AreaKey(tenant.value(), area), version, null);
    }

    /** A version prepared while it was being saved; see {@link #ready}. */
    public final class Ready {

        private final AreaKey key;
        private final long version;
        private final Prepared prepared;

        private Ready(AreaKey key, long version, Prepared prepared) {
            this.key = key;
            this.version = version;
            this.prepared = prepared;
        }

        /** The save committed: its version is the one the next publication of the area reads. */
        public void committed() {
            if (prepared != null) {
                remember(key, version, prepared);
            }
        }
    }

    private Prepared cached(TenantId tenant, ConfigArea area) {
        var held = prepared.get(new AreaKey(tenant.value(), area));
        return held == null ? null : held.prepared();
    }

    /**
     * The tenant's state as the calling transaction will commit it, for {@code sequence}, which this transaction
     * raised (and so holds the tenant's publication row); {@code saved} are the versions it saved, prepared by
     * {@link #ready}. Empty when a saved version could not be prepared: the publication then reads after the commit.
     * Nothing read here is kept before the commit: {@link Ready#committed} does that.
     */
    public Optional<TenantSnapshot> readHeld(TenantId id, long sequence, List<Ready> saved) {
        return Actors.callAs(CurrentUser.SYSTEM, () -> {
            try {
                return Optional.of(snapshot(id, sequence, (area, version) -> {
                    var ours = saved.stream().filter(r -> r.key.area() == area).toList();
                    if (ours.isEmpty()) {
                        return prepared(id, area, version); // committed before: immutable, safe to keep
                    }
                    return ours.stream().filter(r -> r.version == version && r.prepared != null)
                            .map(r -> r.prepared).findFirst()
                            .orElseThrow(() -> new PublicationException("version " + version + " is not prepared"));
                }));
            } catch (PublicationException notPrepared) {
                return Optional.empty();
            }
        });
    }

    private TenantSnapshot readInSnapshot(TenantId id) {
        return snapshot(id, ledger.sequence(id.value()).orElse(0L), (area, version) -> prepared(id, area, version));
    }

    private TenantSnapshot snapshot(TenantId id, long sequence, BiFunction<ConfigArea, Long, Prepared> areaVersions) {
        var tenant = tenants.find(id).orElseThrow(() -> new PublicationException("tenant " + id + " does not exist"));
        var versions = new EnumMap<ConfigArea, Long>(ConfigArea.class);
        versions.putAll(store.currentVersions(List.of(id)).getOrDefault(id, Map.of()));
        var areas = new EnumMap<ConfigArea, Prepared>(ConfigArea.class);
        versions.forEach((area, version) -> areas.put(area, areaVersions.apply(area, version)));
        var access = areas.get(ConfigArea.ACCESS);
        var catalog = access == null ? null : access.catalogVersion();
        var offboarded = tenant.status() == TenantStatus.OFFBOARDED;
        // an offboarded tenant keeps only its status (so the platform can say why it refuses), no grants
        var content = offboarded
                ? new CacheContent(tenant.status().name(), null, null, Collections.emptySortedMap())
                : new CacheContent(tenant.status().name(), document(areas.get(ConfigArea.BRANDING)),
                        document(areas.get(ConfigArea.RULES)), access == null ? Collections.emptySortedMap() : access.roles());
        if (offboarded || access == null) {
            // no matrix whose digests and checksum could be reused, and without one the content is small
            return TenantSnapshot.of(id, tenant.slug(), sequence, tenant.status(), versions, catalog, content);
        }
        return new TenantSnapshot(id, tenant.slug(), sequence, tenant.status(), versions, catalog, content,
                access.checksum(content), access.digests());
    }

    private Prepared prepared(TenantId id, ConfigArea area, long version) {
        var key = new AreaKey(id.value(), area);
        var cached = prepared.get(key);
        if (cached != null && cached.version() == version) {
            return cached.prepared();
        }
        var content = store.version(id, area, version).map(ConfigVersion::content)
                .orElseThrow(() -> new PublicationException(area.label() + " version " + version + " is missing"));
        var result = prepare(area, version, content);
        remember(key, version, result);
        return result;
    }

    /** Keeps the version unless a newer one of the area is cached (a snapshot older than the last commit read it). */
    private void remember(AreaKey key, long version, Prepared result) {
        prepared.merge(key, new PreparedVersion(version, result),
                (held, offered) -> offered.version() >= held.version() ? offered : held);
    }

    private static String document(Prepared prepared) {
        return prepared == null ? null : prepared.document();
    }

    private Prepared prepare(ConfigArea area, long version, String content) {
        if (area == ConfigArea.ACCESS) {
            return parseAccess(content);
        }
        // the document with its version, as the platform reads it: {"version":3,"content":{...}}
        return Prepared.document("{\"version\":" + version + ",\"content\":" + ConfigurationStore.canonical(content) + "}");
    }

    /** The access area's contract: {"catalogVersion":"2026.11","roles":[{"key":..,"name":..,"scopes":[..]}]}. */
    private Prepared parseAccess(String content) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (IOException e) {
            throw new PublicationException("access configuration is not valid JSON: " + e.getMessage());
        }
        var catalog = root.path("catalogVersion");
        var roles = new TreeMap<String, SortedSet<String>>();
        var list = root.path("roles");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new PublicationException("access configuration: 'roles' must be a list");
        }
        for (var role : list) {
            var key = role.path("key").asText(null);
            if (key == null || !TenantKeys.ROLE_KEY.matcher(key).matches()) {
                throw new PublicationException("access configuration: role key '" + key + "' is not valid (lower-case "
                        + "letters, digits, '_' and '-', starting with a letter, at most 64 characters)");
            }
            if (roles.containsKey(key)) {
                throw new PublicationException("access configuration: role '" + key + "' appears twice");
            }
            var scopes = new TreeSet<String>();
            var scopeList = role.path("scopes");
            if (!scopeList.isMissingNode() && !scopeList.isArray()) {
                throw new PublicationException("access configuration: scopes of role '" + key + "' must be a list");
            }
            for (var scope : scopeList) {
                var text = scope.isTextual() ? scope.asText() : null;
                if (text == null || !SCOPE.matcher(text).matches()) {
                    throw new PublicationException("access configuration: role '" + key + "' has an invalid scope "
                            + abbreviate(scope.toString()));
                }
                scopes.add(text);
            }
            roles.put(key, Collections.unmodifiableSortedSet(scopes));
        }
        return Prepared.matrix(catalog.isTextual() ? catalog.asText() : null, Collections.unmodifiableSortedMap(roles));
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
