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
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a tenant's whole publishable state from the database. The sequence is read first and everything in one
 * REPEATABLE READ snapshot, so the state always belongs to exactly that sequence: a later change has a higher
 * sequence and is never refused by Redis as a duplicate of this one.
 */
@Component
public class SnapshotReader {

    /** Scopes are values, not key names, but nothing that could break the checksum text or a log line passes. */
    static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_.:*/-]{1,128}");

    private final PublicationLedger ledger;
    private final TenantService tenants;
    private final ConfigurationStore store;
    private final ObjectMapper json;
    private final TransactionTemplate snapshot;

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

    public TenantSnapshot read(TenantId id) {
        return Actors.callAs(CurrentUser.SYSTEM, () -> snapshot.execute(tx -> readInSnapshot(id)));
    }

    private TenantSnapshot readInSnapshot(TenantId id) {
        var sequence = ledger.sequence(id.value()).orElse(0L);
        var tenant = tenants.find(id).orElseThrow(() -> new PublicationException("tenant " + id + " does not exist"));
        var versions = new EnumMap<ConfigArea, Long>(ConfigArea.class);
        var current = new EnumMap<ConfigArea, ConfigVersion>(ConfigArea.class);
        for (var area : ConfigArea.values()) {
            store.current(id, area).ifPresent(v -> {
                current.put(area, v);
                versions.put(area, v.version());
            });
        }
        var access = Optional.ofNullable(current.get(ConfigArea.ACCESS)).map(v -> parseAccess(v.content()))
                .orElse(new Access(null, Map.of()));
        CacheContent content;
        if (tenant.status() == TenantStatus.OFFBOARDED) {
            // an offboarded tenant keeps only its status (so the platform can say why it refuses), no grants
            content = CacheContent.of(tenant.status().name(), null, null, Map.of());
        } else {
            content = CacheContent.of(tenant.status().name(), document(current.get(ConfigArea.BRANDING)),
                    document(current.get(ConfigArea.RULES)), access.roles());
        }
        return new TenantSnapshot(id, tenant.slug(), sequence, tenant.status(), versions, access.catalogVersion(), content);
    }

    /** The stored document with its version, as the platform reads it: {"version":3,"content":{...}}. */
    private static String document(ConfigVersion version) {
        if (version == null) {
            return null;
        }
        return "{\"version\":" + version.version() + ",\"content\":" + ConfigurationStore.canonical(version.content()) + "}";
    }

    private record Access(String catalogVersion, Map<String, Set<String>> roles) {
    }

    /** The access area's contract: {"catalogVersion":"2026.11","roles":[{"key":..,"name":..,"scopes":[..]}]}. */
    private Access parseAccess(String content) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (IOException e) {
            throw new PublicationException("access configuration is not valid JSON: " + e.getMessage());
        }
        var catalog = root.path("catalogVersion");
        var roles = new TreeMap<String, Set<String>>();
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
            var scopes = new LinkedHashSet<String>();
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
            roles.put(key, scopes);
        }
        return new Access(catalog.isTextual() ? catalog.asText() : null, roles);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
