package io.concierge.configuration;

import io.concierge.configuration.Editability.Reason;
import io.concierge.security.TenantAccess;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one service behind every configuration area: open, save, restore, history, changes and whether the user
 * may edit now, the same for branding, rules and roles. An area plugs in with its {@link AreaDefinition}; its
 * own service keeps only what is specific to it. Views, REST controllers and change requests all call this,
 * so validation, the edit rule, optimistic concurrency, audit and publishing have one path (see
 * docs/decisions/2026-12-01-configuration-area-model.md).
 */
@Service
@Transactional(readOnly = true)
public class ConfigurationAreas {

    private final ConfigurationStore store;
    private final TenantService tenants;
    private final TenantAccess access;
    private final AreaEditRule rule;
    private final List<ChangeGate> gates;
    private final Map<ConfigArea, AreaDefinition<?>> definitions = new EnumMap<>(ConfigArea.class);

    ConfigurationAreas(ConfigurationStore store, TenantService tenants, TenantAccess access, AreaEditRule rule,
                       List<AreaDefinition<?>> definitions, List<ChangeGate> gates) {
        this.store = store;
        this.tenants = tenants;
        this.access = access;
        this.rule = rule;
        if (gates.size() > 1) {
            throw new IllegalStateException("more than one change gate: " + gates);
        }
        this.gates = List.copyOf(gates);
        definitions.forEach(d -> {
            if (this.definitions.put(d.area(), d) != null) {
                throw new IllegalStateException("two definitions of the " + d.area().key() + " area");
            }
        });
    }

    /** The registered definition of an area (for callers that handle every area alike, such as audit). */
    public AreaDefinition<?> definition(ConfigArea area) {
        var definition = definitions.get(area);
        if (definition == null) {
            throw new IllegalStateException("no definition registered for the " + area.key() + " area");
        }
        return definition;
    }

    /**
     * Opens the tenant's area by slug: its current version, or the area's starting point when nothing was saved.
     * Empty for an unknown tenant; refused (and recorded) for a partner admin of another tenant.
     */
    public <T> Optional<AreaSnapshot<T>> open(AreaDefinition<T> area, String slug) {
        return tenants.open(slug).map(tenant -> snapshot(area, tenant, store.current(tenant.id(), area.area()), true));
    }

    /** The area as it was at {@code at}, read-only; the content is the starting point when nothing was saved then. */
    public <T> Optional<AreaSnapshot<T>> openAsOf(AreaDefinition<T> area, String slug, Instant at) {
        return tenants.open(slug).map(tenant -> snapshot(area, tenant, store.asOf(tenant.id(), area.area(), at), false));
    }

    /** One old version, read-only; empty when the tenant or the version does not exist. */
    public <T> Optional<AreaSnapshot<T>> openVersion(AreaDefinition<T> area, String slug, long version) {
        return tenants.open(slug).flatMap(tenant -> store.version(tenant.id(), area.area(), version)
                .map(v -> snapshot(area, tenant, Optional.of(v), false)));
    }

    /** The tenant's current content, if the area was ever saved. */
    public <T> Optional<T> current(AreaDefinition<T> area, TenantId tenant) {
        return store.current(tenant, area.area()).map(v -> area.read(v.content()));
    }

    /** The current version of the area, if any (its number is what an API sends as ETag). */
    public Optional<ConfigVersion> currentVersion(TenantId tenant, ConfigArea area) {
        return store.current(tenant, area);
    }

    /** The version that was current at {@code at}, if the area had been saved by then. */
    public Optional<ConfigVersion> versionAsOf(TenantId tenant, ConfigArea area, Instant at) {
        return store.asOf(tenant, area, at);
    }

    /** Whether the signed-in user may change the tenant's area now, and why not, for a banner. */
    public Editability editability(TenantId tenant, ConfigArea area) {
        return rule.of(tenant(tenant), area);
    }

    /**
     * Validates the content with the area's definition and stores it as the next version. {@code expectedVersion}
     * is the version the edit is based on (0 for none): a newer one throws ConfigurationConflictException and
     * writes nothing. Refused when {@link #editability} says so.
     */
    @Transactional
    public <T> ConfigVersion save(AreaDefinition<T> area, TenantId tenant, long expectedVersion, T content,
                                  String comment) {
        var checked = checkedForSave(area, tenant, content);
        return store.save(tenant, checked.slug(), area.area(), expectedVersion, checked.json(), comment);
    }

    /**
     * A user's save: as {@link #save}, but where the area needs approval ({@link ChangeGate}) the content becomes a
     * change request instead of a version. Views, the API and bundle imports write through this; {@link #save} is
     * the direct path (seeding, and the apply of an approved request).
     */
    @Transactional
    public <T> Submission submit(AreaDefinition<T> area, TenantId tenant, long expectedVersion, T content,
                                 String comment) {
        var checked = checkedForSave(area, tenant, content);
        return gate(area.area(), tenant, expectedVersion, checked.json(), comment).<Submission>map(p -> p)
                .orElseGet(() -> new Submission.Saved(store.save(tenant, checked.slug(), area.area(), expectedVersion,
                        checked.json(), comment)));
    }

    /** A user's restore: as {@link #restore}, but the old content becomes a change request where the area needs one. */
    @Transactional
    public Submission submitRestore(AreaDefinition<?> area, TenantId tenant, long versionToRestore,
                                    long expectedVersion, String comment) {
        var checked = checkedForRestore(area, tenant, versionToRestore);
        return gate(area.area(), tenant, expectedVersion, checked.json(), comment).<Submission>map(p -> p)
                .orElseGet(() -> new Submission.Saved(store.restore(tenant, checked.slug(), area.area(),
                        versionToRestore, expectedVersion, comment)));
    }

    private Optional<Submission.Proposed> gate(ConfigArea area, TenantId tenant, long expectedVersion,
                                                         String json, String comment) {
        return gates.isEmpty() ? Optional.empty()
                : gates.get(0).intercept(area, tenant, expectedVersion, json, comment);
    }

    /**
     * Makes an old version current again, as a new version. Its content must still pass today's validation, so
     * a restore cannot bring back something the console no longer accepts.
     */
    @Transactional
    public ConfigVersion restore(AreaDefinition<?> area, TenantId tenant, long versionToRestore, long expectedVersion,
                                 String comment) {
        var checked = checkedForRestore(area, tenant, versionToRestore);
        return store.restore(tenant, checked.slug(), area.area(), versionToRestore, expectedVersion, comment);
    }

    /** What a write checked: the tenant's slug and the content as the store keeps it. */
    private record Checked(TenantSlug slug, String json) {
    }

    /** The edit rule, then the area's validation. */
    private <T> Checked checkedForSave(AreaDefinition<T> area, TenantId tenant, T content) {
        access.requireEdit(tenant, "change " + area.area().label().toLowerCase());
        var slug = tenant(tenant).slug();
        return new Checked(slug, area.write(area.validate(content)));
    }

    /** The edit rule, then the old version's content, which must pass today's validation. */
    private Checked checkedForRestore(AreaDefinition<?> area, TenantId tenant, long versionToRestore) {
        var label = area.area().label().toLowerCase();
        access.requireEdit(tenant, "restore " + label);
        var slug = tenant(tenant).slug();
        var content = store.version(tenant, area.area(), versionToRestore)
                .orElseThrow(() -> new InvalidValueException("No version " + versionToRestore + " of " + label + "."))
                .content();
        revalidate(area, content, versionToRestore);
        return new Checked(slug, content);
    }

    /** Every version of the area, newest first. */
    public List<ConfigVersion> history(TenantId tenant, ConfigArea area) {
        return store.history(tenant, area);
    }

    /** The content of one version. */
    public <T> T content(AreaDefinition<T> area, TenantId tenant, long version) {
        return store.version(tenant, area.area(), version).map(v -> area.read(v.content()))
                .orElseThrow(() -> new InvalidValueException("No version " + version + " of "
                        + area.area().label().toLowerCase() + "."));
    }

    /** What changes between two contents, in the area's words. */
    public <T> List<FieldChange> changes(AreaDefinition<T> area, T before, T after) {
        return area.changes(before, after);
    }

    /** What changed from one version to another (0: nothing saved), in the area's words: a history's "compare". */
    public List<FieldChange> changes(TenantId tenant, ConfigArea area, long fromVersion, long toVersion) {
        return describe(definition(area), stored(tenant, area, fromVersion), stored(tenant, area, toVersion));
    }

    /**
     * What changed between two stored contents (JSON; null for none) in the area's words. Content the area cannot
     * read (written by an older console, or not the area's at all) is compared as JSON by {@link ConfigDiff}, with
     * the same semantics: roles matched by key, scopes as sets.
     */
    public List<FieldChange> changes(ConfigArea area, String beforeJson, String afterJson) {
        return describe(definition(area), beforeJson, afterJson);
    }

    /** What a change between two stored contents (JSON; null for none) does, in the area's words. */
    public ChangeEffect effect(ConfigArea area, String beforeJson, String afterJson) {
        return effectOf(definition(area), beforeJson, afterJson);
    }

    private static <T> ChangeEffect effectOf(AreaDefinition<T> area, String beforeJson, String afterJson) {
        try {
            return area.effect(beforeJson == null ? null : area.read(beforeJson), area.read(afterJson));
        } catch (InvalidValueException | IllegalArgumentException unreadable) {
            return ChangeEffect.NONE;
        }
    }

    private String stored(TenantId tenant, ConfigArea area, long version) {
        if (version == 0) {
            return null;
        }
        return store.version(tenant, area, version).map(ConfigVersion::content)
                .orElseThrow(() -> new InvalidValueException("No version " + version + " of "
                        + area.label().toLowerCase() + "."));
    }

    private static <T> List<FieldChange> describe(AreaDefinition<T> area, String beforeJson, String afterJson) {
        T before;
        T after;
        try {
            before = beforeJson == null ? null : area.read(beforeJson);
            after = afterJson == null ? null : area.read(afterJson);
        } catch (InvalidValueException | IllegalArgumentException unreadable) {
            return ConfigDiff.between(beforeJson, afterJson);
        }
        return area.changes(before, after);
    }

    private static <T> void revalidate(AreaDefinition<T> area, String json, long version) {
        try {
            area.validate(area.read(json));
        } catch (InvalidValueException e) {
            throw new InvalidValueException(e.errors().stream().map(f -> new InvalidValueException.FieldError(
                    f.field(), "Version " + version + " cannot be restored: " + f.message())).toList());
        }
    }

    private <T> AreaSnapshot<T> snapshot(AreaDefinition<T> area, TenantSummary tenant, Optional<ConfigVersion> version,
                                         boolean current) {
        var content = version.map(v -> area.read(v.content())).orElseGet(() -> area.startingPoint(tenant));
        Editability editability;
        if (current) {
            editability = rule.of(tenant, area.area());
        } else {
            editability = new Editability(Reason.HISTORICAL, version.map(v -> "You are looking at version "
                            + v.version() + ", read-only. Open its history to restore it.")
                    .orElse("Nothing was saved yet at that moment; this is the starting point, read-only."));
        }
        return new AreaSnapshot<>(tenant, area.area(), content, version.orElse(null), editability);
    }

    private TenantSummary tenant(TenantId tenant) {
        return tenants.find(tenant).orElseThrow(() -> new InvalidValueException("No tenant with id " + tenant + "."));
    }
}
