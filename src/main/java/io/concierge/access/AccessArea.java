package io.concierge.access;

import io.concierge.access.internal.MatrixJson;
import io.concierge.access.internal.RoleTemplates;
import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.ChangeEffect;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.FieldChange;
import io.concierge.shared.DisplayText;
import io.concierge.shared.FieldErrors;
import io.concierge.shared.InvalidValueException;
import io.concierge.tenant.TenantSummary;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Roles and permissions as the configuration model knows it: every role checked against the permission
 * catalogue, and changes told role by role, scope by scope ("Support agent: + orders:create").
 */
@Component
class AccessArea implements AreaDefinition<AccessMatrix> {

    private static final Map<String, String> LABELS = Map.of("roles", "Roles", "key", "Role key", "name", "Role name",
            "scopes", "Scopes", "catalogVersion", "Permission catalogue");

    static final String SEED_COMMENT = "Seeded from role templates";

    private final PermissionCatalog catalog;
    private final RoleTemplates templates;

    AccessArea(PermissionCatalog catalog, RoleTemplates templates) {
        this.catalog = catalog;
        this.templates = templates;
    }

    @Override
    public ConfigArea area() {
        return ConfigArea.ACCESS;
    }

    @Override
    public AccessMatrix read(String json) {
        return MatrixJson.read(json);
    }

    @Override
    public String write(AccessMatrix content) {
        return MatrixJson.write(content);
    }

    /** No roles, stamped with the shipped catalogue; a newly activated tenant is seeded from the templates ({@link #seed}). */
    @Override
    public AccessMatrix startingPoint(TenantSummary tenant) {
        return new AccessMatrix(catalog.version(), List.of());
    }

    /** A newly active tenant gets the template roles, so partner admins review rather than start blank. */
    @Override
    public Optional<AccessMatrix> seed() {
        return Optional.of(new AccessMatrix(catalog.version(), templates.roles()));
    }

    @Override
    public String seedComment() {
        return SEED_COMMENT;
    }

    @Override
    public Map<String, String> labels() {
        return LABELS;
    }

    @Override
    public List<FieldChange> changes(AccessMatrix before, AccessMatrix after) {
        var was = before == null ? new AccessMatrix(null, List.of()) : before;
        var now = after == null ? new AccessMatrix(null, List.of()) : after;
        var changes = new ArrayList<FieldChange>();
        if (before != null && after != null && !Objects.equals(was.catalogVersion(), now.catalogVersion())) {
            changes.add(new FieldChange(LABELS.get("catalogVersion"), was.catalogVersion(), now.catalogVersion()));
        }
        var keys = new LinkedHashSet<String>();
        was.roles().forEach(r -> keys.add(r.key()));
        now.roles().forEach(r -> keys.add(r.key()));
        for (var key : keys) {
            var old = was.role(key).orElse(null);
            var role = now.role(key).orElse(null);
            if (old == null) {
                changes.add(new FieldChange("Roles", null, role.name() + " (" + key + ")"));
                role.scopes().forEach(s -> changes.add(new FieldChange(role.name(), null, s)));
            } else if (role == null) {
                changes.add(new FieldChange("Roles", old.name() + " (" + key + ")", null));
                old.scopes().forEach(s -> changes.add(new FieldChange(old.name(), s, null)));
            } else {
                if (!Objects.equals(old.name(), role.name())) {
                    changes.add(new FieldChange("Name of role " + key, old.name(), role.name()));
                }
                old.scopes().stream().filter(s -> !role.grants(s))
                        .forEach(s -> changes.add(new FieldChange(role.name(), s, null)));
                role.scopes().stream().filter(s -> !old.grants(s))
                        .forEach(s -> changes.add(new FieldChange(role.name(), null, s)));
            }
        }
        return changes;
    }

    /**
     * Which roles gain (loosened) and lose (tightened) which scopes, and every sensitive scope of the catalogue the
     * change grants or takes away.
     */
    @Override
    public ChangeEffect effect(AccessMatrix before, AccessMatrix after) {
        var loosened = new ArrayList<String>();
        var tightened = new ArrayList<String>();
        var sensitive = new ArrayList<String>();
        var was = before == null ? new AccessMatrix(null, List.of()) : before;
        var keys = new LinkedHashSet<String>();
        was.roles().forEach(r -> keys.add(r.key()));
        after.roles().forEach(r -> keys.add(r.key()));
        for (var key : keys) {
            var old = was.role(key).orElse(null);
            var role = after.role(key).orElse(null);
            var name = role != null ? role.name() : old.name();
            var gained = role == null ? List.<String>of()
                    : role.scopes().stream().filter(s -> old == null || !old.grants(s)).toList();
            var lost = old == null ? List.<String>of()
                    : old.scopes().stream().filter(s -> role == null || !role.grants(s)).toList();
            gained.forEach(s -> loosened.add(name + " gains " + s));
            lost.forEach(s -> tightened.add(name + " loses " + s));
            gained.stream().filter(catalog::isSensitive).forEach(s -> sensitive.add(s + ": " + name + " gains it"));
            lost.stream().filter(catalog::isSensitive).forEach(s -> sensitive.add(s + ": " + name + " loses it"));
        }
        return new ChangeEffect(loosened, tightened, sensitive);
    }

    /**
     * Checks every rule of the contract, for every role (a refusal lists all problems at once), and returns the
     * matrix stamped with the catalogue it was checked against.
     */
    @Override
    public AccessMatrix validate(AccessMatrix matrix) {
        if (matrix == null) {
            throw new InvalidValueException("There is no matrix to save.");
        }
        if (matrix.roles().size() > AccessService.MAX_ROLES) {
            throw new InvalidValueException("roles", "A tenant can have at most " + AccessService.MAX_ROLES
                    + " roles (this has " + matrix.roles().size() + ").");
        }
        var errors = new FieldErrors();
        var keys = new HashSet<String>();
        var names = new HashSet<String>();
        var roles = new ArrayList<RoleGrant>();
        for (var role : matrix.roles()) {
            var key = role.key() == null ? "" : role.key();
            errors.run(() -> checkKey(key));
            if (!keys.add(key)) {
                errors.add("key", "Two roles have the key '" + shorten(key) + "'; role keys must be unique.");
            }
            var name = errors.value(() -> checkName(key, role.name()));
            if (name != null && !names.add(name.toLowerCase(Locale.ROOT))) {
                errors.add("name", "Two roles are named '" + name + "'; role names must be unique.");
            }
            for (var scope : role.scopes()) {
                if (!catalog.contains(scope)) {
                    errors.add("scopes", "Role '" + shorten(key) + "' has scope '" + shorten(scope)
                            + "', which is not in permission catalogue " + catalog.version() + ".");
                }
            }
            roles.add(new RoleGrant(key, name, role.scopes()));
        }
        errors.throwIfAny();
        return new AccessMatrix(catalog.version(), roles);
    }

    static void checkKey(String key) {
        if (key.isBlank()) {
            throw new InvalidValueException("key", "Role key is required.");
        }
        if (!AccessService.ROLE_KEY.matcher(key).matches()) {
            throw new InvalidValueException("key", "Role key '" + shorten(key) + "' must be 2 to 40 characters: a "
                    + "lower-case letter first, then lower-case letters, digits, '_' or '-'.");
        }
    }

    static String checkName(String key, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("name", "Role '" + key + "' needs a name.");
        }
        return DisplayText.name("name", "Role name", name, AccessService.MAX_NAME);
    }

    /** Keeps a hostile 10,000-character value out of messages. */
    private static String shorten(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "…";
    }
}
