package io.concierge.configuration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.concierge.configuration.internal.ConfigVersionEntity;
import io.concierge.configuration.internal.ConfigVersionMapper;
import io.concierge.configuration.internal.ConfigVersionRepository;
import io.concierge.security.TenantAccess;
import io.concierge.shared.DisplayText;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The versioned store behind every configuration area. Nothing is updated in place: each save appends the
 * whole content as a new version, after checking that the editor saw the current one. Area services
 * go through {@link ConfigurationAreas}, which validates with the area's definition first; views never call this.
 */
@Service
@Transactional(readOnly = true)
public class ConfigurationStore {

    public static final int MAX_COMMENT = 200;
    /** Key order is fixed so equal content has one stored form and diffs stay stable. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final ConfigVersionRepository versions;
    private final ConfigVersionMapper mapper;
    private final TenantAccess access;
    private final TenantService tenants;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AreaEditRule rule;

    ConfigurationStore(ConfigVersionRepository versions, ConfigVersionMapper mapper, TenantAccess access,
                       TenantService tenants, ApplicationEventPublisher events, Clock clock, AreaEditRule rule) {
        this.rule = rule;
        this.versions = versions;
        this.mapper = mapper;
        this.access = access;
        this.tenants = tenants;
        this.events = events;
        this.clock = clock;
    }

    public Optional<ConfigVersion> current(TenantId tenant, ConfigArea area) {
        access.requireRead(tenant, "read " + area.label().toLowerCase());
        return versions.findFirstByTenantIdAndAreaOrderByVersionDesc(tenant.value(), area).map(mapper::toVersion);
    }

    /** Every version of the area, newest first. */
    public List<ConfigVersion> history(TenantId tenant, ConfigArea area) {
        access.requireRead(tenant, "read the history of " + area.label().toLowerCase());
        return versions.findByTenantIdAndAreaOrderByVersionDesc(tenant.value(), area).stream()
                .map(mapper::toVersion).toList();
    }

    public Optional<ConfigVersion> version(TenantId tenant, ConfigArea area, long version) {
        access.requireRead(tenant, "read " + area.label().toLowerCase());
        return versions.findByTenantIdAndAreaAndVersion(tenant.value(), area, version).map(mapper::toVersion);
    }

    /** The version that was current at the given moment, if the area existed then. */
    public Optional<ConfigVersion> asOf(TenantId tenant, ConfigArea area, Instant at) {
        access.requireRead(tenant, "read " + area.label().toLowerCase());
        return versions.findFirstByTenantIdAndAreaAndCreatedAtLessThanEqualOrderByVersionDesc(tenant.value(), area, at)
                .map(mapper::toVersion);
    }

    /** The current version number of every saved area of the given tenants (missing: never saved). */
    public Map<TenantId, Map<ConfigArea, Long>> currentVersions(Collection<TenantId> tenants) {
        tenants.forEach(t -> access.requireRead(t, "read configuration versions"));
        var result = new HashMap<TenantId, Map<ConfigArea, Long>>();
        if (tenants.isEmpty()) {
            return result;
        }
        for (var row : versions.currentVersions(tenants.stream().map(TenantId::value).toList())) {
            result.computeIfAbsent(new TenantId((UUID) row[0]), t -> new EnumMap<>(ConfigArea.class))
                    .put((ConfigArea) row[1], (Long) row[2]);
        }
        return result;
    }

    /**
     * The given tenants that have at least one version of the area written by someone other than
     * {@code author}, for example roles reviewed by a person rather than only seeded by the system.
     */
    public Set<TenantId> tenantsWithVersionsNotBy(Collection<TenantId> tenants, ConfigArea area, String author) {
        tenants.forEach(t -> access.requireRead(t, "read configuration versions"));
        if (tenants.isEmpty()) {
            return Set.of();
        }
        return versions.tenantsWithAuthorOtherThan(tenants.stream().map(TenantId::value).toList(), area, author)
                .stream().map(TenantId::new).collect(Collectors.toSet());
    }

    /**
     * How many tenants have saved the area at all, or (with {@code notBy}) have a version of it written by
     * someone else than that author; one counting query over the whole fleet (the go-live funnel).
     */
    public long countTenantsWith(ConfigArea area, String notBy) {
        access.requireReadAll("count configuration versions");
        return versions.countTenantsWithArea(area, notBy);
    }

    /**
     * Appends a new version. {@code expectedVersion} is the version the editor was opened on (0 when the area
     * had none); if another save came first, {@link ConfigurationConflictException} is thrown and nothing is
     * written.
     */
    @Transactional
    public ConfigVersion save(TenantId tenant, TenantSlug slug, ConfigArea area, long expectedVersion, String content,
                              String comment) {
        access.requireEdit(tenant, "change " + area.label().toLowerCase());
        return append(tenant, slug, area, expectedVersion, canonical(content), comment, null);
    }

    /** Makes an old version current again by saving its content as a new version. */
    @Transactional
    public ConfigVersion restore(TenantId tenant, TenantSlug slug, ConfigArea area, long versionToRestore,
                                 long expectedVersion, String comment) {
        access.requireEdit(tenant, "restore " + area.label().toLowerCase());
        var old = versions.findByTenantIdAndAreaAndVersion(tenant.value(), area, versionToRestore)
                .orElseThrow(() -> new InvalidValueException("No version " + versionToRestore + " of "
                        + area.label().toLowerCase() + "."));
        return append(tenant, slug, area, expectedVersion, old.getContent(), comment, versionToRestore);
    }

    private ConfigVersion append(TenantId tenant, TenantSlug slug, ConfigArea area, long expectedVersion,
                                 String content, String comment, Long restoredFrom) {
        var summary = tenants.find(tenant)
                .orElseThrow(() -> new InvalidValueException("No tenant with id " + tenant + "."));
        var editability = rule.of(summary, area);
        if (!editability.editable()) {
            // the editor showed this as a banner; an offboarded tenant's history stays readable, nothing new is published
            throw new InvalidValueException(editability.message());
        }
        var trimmedComment = checkComment(comment);
        var current = versions.findFirstByTenantIdAndAreaOrderByVersionDesc(tenant.value(), area);
        var currentVersion = current.map(ConfigVersionEntity::getVersion).orElse(0L);
        if (currentVersion != expectedVersion) {
            throw new ConfigurationConflictException(mapper.toVersion(current.orElseThrow()));
        }
        var before = current.map(v -> canonical(v.getContent())).orElse(null);
        if (content.equals(before)) {
            throw new InvalidValueException("Nothing to save: the content is the same as version " + currentVersion + ".");
        }
        var now = clock.instant();
        var entity = new ConfigVersionEntity(tenant.value(), area, currentVersion + 1, content,
                access.actorName(), trimmedComment, now, restoredFrom);
        try {
            versions.saveAndFlush(entity);
        } catch (DataIntegrityViolationException e) {
            // another save of the same area committed between our read and our insert
            throw new ConfigurationConflictException(area);
        }
        events.publishEvent(new ConfigurationSaved(tenant, slug, area, entity.getVersion(), entity.getAuthor(),
                trimmedComment, before, content, restoredFrom, now));
        return mapper.toVersion(entity);
    }

    /**
     * The "why" of every change, trimmed: required, at most {@link #MAX_COMMENT} characters, printable. Change
     * requests ask the same of their comments.
     */
    public static String checkComment(String comment) {
        var trimmed = comment == null ? "" : comment.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidValueException("comment", "A short comment saying why is required.");
        }
        if (trimmed.length() > MAX_COMMENT) {
            throw new InvalidValueException("comment", "Comment must be at most " + MAX_COMMENT + " characters.");
        }
        DisplayText.checkMultiline("comment", "Comment", trimmed);
        return trimmed;
    }

    /** Parses and re-serialises JSON with sorted keys; refuses anything that is not a JSON object. */
    public static String canonical(String json) {
        try {
            var tree = CANONICAL.readTree(json == null ? "" : json);
            if (tree == null || !tree.isObject()) {
                throw new InvalidValueException("Configuration content must be a JSON object.");
            }
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(tree, Object.class));
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("Configuration content is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
