package io.concierge.access;

import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.AreaSnapshot;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The only entry point to a tenant's roles and permission matrix. Every saved matrix was checked against
 * the permission catalogue ({@link AccessArea}) and is a new version saved through {@link ConfigurationAreas};
 * reads answer "can role R do S?" and "who can (or could, at time T) do S?".
 */
@Service
@Transactional(readOnly = true)
public class AccessService {

    public static final Pattern ROLE_KEY = Pattern.compile("[a-z][a-z0-9_-]{1,39}");
    public static final int MAX_NAME = 60;
    public static final int MAX_ROLES = 200;

    private final ConfigurationAreas areas;
    private final AccessArea area;
    private final PermissionCatalog catalog;

    AccessService(ConfigurationAreas areas, AccessArea area, PermissionCatalog catalog) {
        this.areas = areas;
        this.area = area;
        this.catalog = catalog;
    }

    /** The area's definition, which the editor frame and the configuration service work with. */
    public AreaDefinition<AccessMatrix> area() {
        return area;
    }

    /** Opens the tenant's matrix by slug; see {@link ConfigurationAreas#open}. */
    public Optional<AreaSnapshot<AccessMatrix>> open(String slug) {
        return areas.open(area, slug);
    }

    public PermissionCatalog catalog() {
        return catalog;
    }

    /** A matrix with no roles, stamped with the shipped catalogue (what an editor starts from). */
    public AccessMatrix empty() {
        return new AccessMatrix(catalog.version(), List.of());
    }

    public Optional<CurrentAccess> current(TenantId tenant) {
        return areas.currentVersion(tenant, ConfigArea.ACCESS).map(v -> new CurrentAccess(area.read(v.content()), v));
    }

    /** The matrix that was in force at the given moment, and its version, if the tenant had one then. */
    public Optional<CurrentAccess> asOf(String slug, Instant at) {
        return areas.openAsOf(area, slug, at).filter(AreaSnapshot::saved)
                .map(s -> new CurrentAccess(s.content(), s.version()));
    }

    /** The matrix that was in force at the given moment, if the tenant had one then. */
    public Optional<AccessMatrix> asOf(TenantId tenant, Instant at) {
        return areas.versionAsOf(tenant, ConfigArea.ACCESS, at).map(v -> area.read(v.content()));
    }

    public boolean can(TenantId tenant, String roleKey, String scope) {
        return current(tenant).map(c -> c.matrix().can(roleKey, scope)).orElse(false);
    }

    /** The roles that grant the scope now. */
    public List<RoleGrant> whoCan(TenantId tenant, String scope) {
        return current(tenant).map(c -> c.matrix().whoCan(scope)).orElse(List.of());
    }

    /** The roles that granted the scope at the given moment ("who could cancel orders last Tuesday?"). */
    public List<RoleGrant> whoCould(TenantId tenant, String scope, Instant at) {
        return asOf(tenant, at).map(m -> m.whoCan(scope)).orElse(List.of());
    }

    /**
     * Saves the matrix as the tenant's next version. {@code expectedVersion} is the version the editor was
     * opened on (0 for none); a newer save by someone else ends in {@link ConfigurationConflictException}.
     */
    @Transactional
    public ConfigVersion save(TenantId tenant, long expectedVersion, AccessMatrix matrix, String comment) {
        return areas.save(area, tenant, expectedVersion, matrix, comment);
    }

    /** Makes an old matrix current again as a new version, if it still fits today's catalogue. */
    @Transactional
    public ConfigVersion restore(TenantId tenant, long versionToRestore, long expectedVersion, String comment) {
        return areas.restore(area, tenant, versionToRestore, expectedVersion, comment);
    }

    /** Adds a role with no scopes to the (unsaved) matrix, checking its key and name. */
    public AccessMatrix addRole(AccessMatrix matrix, String key, String name) {
        var k = key == null ? "" : key.trim();
        AccessArea.checkKey(k);
        if (matrix.role(k).isPresent()) {
            throw new InvalidValueException("key", "A role with key '" + k + "' already exists.");
        }
        var n = AccessArea.checkName(k, name);
        checkNameFree(matrix, k, n);
        return matrix.withRole(new RoleGrant(k, n, List.of()));
    }

    public AccessMatrix renameRole(AccessMatrix matrix, String key, String name) {
        var n = AccessArea.checkName(key, name);
        checkNameFree(matrix, key, n);
        return matrix.withRoleRenamed(key, n);
    }

    public AccessMatrix deleteRole(AccessMatrix matrix, String key) {
        if (matrix.role(key).isEmpty()) {
            throw new InvalidValueException("role", "There is no role with key '" + key + "'.");
        }
        return matrix.withoutRole(key);
    }

    private static void checkNameFree(AccessMatrix matrix, String key, String name) {
        matrix.roles().stream()
                .filter(r -> !r.key().equals(key) && r.name().equalsIgnoreCase(name))
                .findFirst()
                .ifPresent(r -> {
                    throw new InvalidValueException("name", "Role '" + r.key() + "' is already named '" + r.name() + "'.");
                });
    }
}
