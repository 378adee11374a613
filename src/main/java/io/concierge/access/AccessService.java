package io.concierge.access;

import io.concierge.access.internal.MatrixJson;
import io.concierge.access.internal.RoleTemplates;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.security.TenantAccess;
import io.concierge.shared.DisplayText;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The only entry point to a tenant's roles and permission matrix. Every saved matrix was checked against
 * the permission catalogue and is a new version in the configuration store; reads answer "can role R do
 * S?" and "who can (or could, at time T) do S?".
 */
@Service
@Transactional(readOnly = true)
public class AccessService {

    public static final Pattern ROLE_KEY = Pattern.compile("[a-z][a-z0-9_-]{1,39}");
    public static final int MAX_NAME = 60;
    public static final int MAX_ROLES = 200;
    static final String SEED_COMMENT = "Seeded from role templates";

    private static final Logger log = LoggerFactory.getLogger(AccessService.class);

    private final ConfigurationStore store;
    private final TenantService tenants;
    private final TenantAccess access;
    private final PermissionCatalog catalog;
    private final RoleTemplates templates;

    AccessService(ConfigurationStore store, TenantService tenants, TenantAccess access, PermissionCatalog catalog,
                  RoleTemplates templates) {
        this.store = store;
        this.tenants = tenants;
        this.access = access;
        this.catalog = catalog;
        this.templates = templates;
    }

    public PermissionCatalog catalog() {
        return catalog;
    }

    /** A matrix with no roles, stamped with the shipped catalogue (what an editor starts from). */
    public AccessMatrix empty() {
        return new AccessMatrix(catalog.version(), List.of());
    }

    public Optional<CurrentAccess> current(TenantId tenant) {
        return store.current(tenant, ConfigArea.ACCESS).map(v -> new CurrentAccess(MatrixJson.read(v.content()), v));
    }

    /** The matrix that was in force at the given moment, if the tenant had one then. */
    public Optional<AccessMatrix> asOf(TenantId tenant, Instant at) {
        return store.asOf(tenant, ConfigArea.ACCESS, at).map(v -> MatrixJson.read(v.content()));
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

    /** The JSON the store keeps (and publishing projects) for a matrix; views diff it before saving. */
    public String toJson(AccessMatrix matrix) {
        return ConfigurationStore.canonical(MatrixJson.write(matrix));
    }

    /**
     * Saves the matrix as the tenant's next version. {@code expectedVersion} is the version the editor was
     * opened on (0 for none); a newer save by someone else ends in {@link ConfigurationConflictException}.
     */
    @Transactional
    public ConfigVersion save(TenantId tenant, long expectedVersion, AccessMatrix matrix, String comment) {
        access.requireEdit(tenant, "change roles and permissions");
        var summary = editable(tenant);
        var checked = validate(matrix);
        return store.save(tenant, summary.slug(), ConfigArea.ACCESS, expectedVersion, toJson(checked), comment);
    }

    /** Makes an old matrix current again as a new version, if it still fits today's catalogue. */
    @Transactional
    public ConfigVersion restore(TenantId tenant, long versionToRestore, long expectedVersion, String comment) {
        access.requireEdit(tenant, "restore roles and permissions");
        var summary = editable(tenant);
        var old = store.version(tenant, ConfigArea.ACCESS, versionToRestore)
                .orElseThrow(() -> new InvalidValueException("No version " + versionToRestore + " of roles and permissions."));
        try {
            validate(MatrixJson.read(old.content()));
        } catch (InvalidValueException e) {
            throw new InvalidValueException("Version " + versionToRestore + " cannot be restored: " + e.getMessage());
        }
        return store.restore(tenant, summary.slug(), ConfigArea.ACCESS, versionToRestore, expectedVersion, comment);
    }

    /** Adds a role with no scopes to the (unsaved) matrix, checking its key and name. */
    public AccessMatrix addRole(AccessMatrix matrix, String key, String name) {
        var k = key == null ? "" : key.trim();
        checkKey(k);
        if (matrix.role(k).isPresent()) {
            throw new InvalidValueException("key", "A role with key '" + k + "' already exists.");
        }
        var n = checkName(k, name);
        checkNameFree(matrix, k, n);
        return matrix.withRole(new RoleGrant(k, n, List.of()));
    }

    public AccessMatrix renameRole(AccessMatrix matrix, String key, String name) {
        var n = checkName(key, name);
        checkNameFree(matrix, key, n);
        return matrix.withRoleRenamed(key, n);
    }

    public AccessMatrix deleteRole(AccessMatrix matrix, String key) {
        if (matrix.role(key).isEmpty()) {
            throw new InvalidValueException("role", "There is no role with key '" + key + "'.");
        }
        return matrix.withoutRole(key);
    }

    /** Gives a newly activated tenant the template roles, unless someone already saved roles for it. */
    @Transactional
    void seedFromTemplates(TenantId tenant, TenantSlug slug) {
        if (store.current(tenant, ConfigArea.ACCESS).isPresent()) {
            return;
        }
        try {
            store.save(tenant, slug, ConfigArea.ACCESS, 0,
                    toJson(new AccessMatrix(catalog.version(), templates.roles())), SEED_COMMENT);
        } catch (ConfigurationConflictException e) {
            log.info("Roles of tenant {} were saved while seeding; keeping them", slug);
        }
    }

    /** The tenant; the store refuses changes to an offboarded one. */
    private TenantSummary editable(TenantId tenant) {
        return tenants.find(tenant)
                .orElseThrow(() -> new InvalidValueException("No tenant with id " + tenant + "."));
    }

    /** Checks every rule of the contract and returns the matrix stamped with the catalogue it was checked against. */
    AccessMatrix validate(AccessMatrix matrix) {
        if (matrix == null) {
            throw new InvalidValueException("There is no matrix to save.");
        }
        if (matrix.roles().size() > MAX_ROLES) {
            throw new InvalidValueException("A tenant can have at most " + MAX_ROLES + " roles (this has "
                    + matrix.roles().size() + ").");
        }
        var keys = new HashSet<String>();
        var names = new HashSet<String>();
        var roles = new ArrayList<RoleGrant>();
        for (var role : matrix.roles()) {
            var key = role.key() == null ? "" : role.key();
            checkKey(key);
            if (!keys.add(key)) {
                throw new InvalidValueException("key", "Two roles have the key '" + key + "'; role keys must be unique.");
            }
            var name = checkName(key, role.name());
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidValueException("name", "Two roles are named '" + name + "'; role names must be unique.");
            }
            for (var scope : role.scopes()) {
                if (!catalog.contains(scope)) {
                    throw new InvalidValueException("scopes", "Role '" + key + "' has scope '" + shorten(scope)
                            + "', which is not in permission catalogue " + catalog.version() + ".");
                }
            }
            roles.add(new RoleGrant(key, name, role.scopes()));
        }
        return new AccessMatrix(catalog.version(), roles);
    }

    private static void checkKey(String key) {
        if (key.isBlank()) {
            throw new InvalidValueException("key", "Role key is required.");
        }
        if (!ROLE_KEY.matcher(key).matches()) {
            throw new InvalidValueException("key", "Role key '" + shorten(key) + "' must be 2 to 40 characters: a lower-case "
                    + "letter first, then lower-case letters, digits, '_' or '-'.");
        }
    }

    private static String checkName(String key, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("name", "Role '" + key + "' needs a name.");
        }
        return DisplayText.name("name", "Role name", name, MAX_NAME);
    }

    private static void checkNameFree(AccessMatrix matrix, String key, String name) {
        matrix.roles().stream()
                .filter(r -> !r.key().equals(key) && r.name().equalsIgnoreCase(name))
                .findFirst()
                .ifPresent(r -> {
                    throw new InvalidValueException("name", "Role '" + r.key() + "' is already named '" + r.name() + "'.");
                });
    }

    /** Keeps a hostile 10,000-character value out of messages. */
    private static String shorten(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "…";
    }
}
