package io.concierge.tenant;

import io.concierge.security.ConsoleUserService;
import io.concierge.security.TenantAccess;
import io.concierge.shared.DisplayText;
import io.concierge.shared.DuplicateValueException;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantEvent.TenantActivated;
import io.concierge.tenant.TenantEvent.TenantOffboarded;
import io.concierge.tenant.TenantEvent.TenantProvisioningFailed;
import io.concierge.tenant.TenantEvent.TenantProvisioningRetried;
import io.concierge.tenant.TenantEvent.TenantRegistered;
import io.concierge.tenant.TenantEvent.TenantResumed;
import io.concierge.tenant.TenantEvent.TenantSchemaUpgraded;
import io.concierge.tenant.TenantEvent.TenantSuspended;
import io.concierge.tenant.internal.Tenant;
import io.concierge.tenant.internal.TenantMapper;
import io.concierge.tenant.internal.TenantRepository;
import io.concierge.tenant.internal.TenantSpecifications;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only entry point to tenants. Reads check that the user may see the tenant; every lifecycle change is an
 * operator's (or the system's) and publishes a {@link TenantEvent} in the same transaction.
 */
@Service
@Transactional(readOnly = true)
public class TenantService {

    static final int MAX_NAME = 120;

    private final TenantRepository tenants;
    private final TenantMapper mapper;
    private final TenantAccess access;
    private final ConsoleUserService users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TenantService(TenantRepository tenants, TenantMapper mapper, TenantAccess access, ConsoleUserService users,
                  ApplicationEventPublisher events, Clock clock) {
        this.tenants = tenants;
        this.mapper = mapper;
        this.access = access;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates the tenant in PROVISIONING; its schema is built in the background after this commits. Two
     * operators racing for one slug get one tenant and one clear refusal (the unique index decides).
     */
    @Transactional
    public TenantRegistration register(NewTenant request) {
        access.requireOperator("create tenants");
        var slug = new TenantSlug(request.slug() == null ? null : request.slug().trim());
        var name = DisplayText.name("displayName", "Display name", request.displayName(), MAX_NAME);
        var email = EmailAddress.parse("contactEmail", "Contact email", request.contactEmail());
        if (tenants.existsBySlug(slug.value())) {
            throw slugTaken(slug);
        }
        Tenant tenant;
        try {
            tenant = tenants.saveAndFlush(new Tenant(slug.value(), name, email, clock.instant()));
        } catch (DataIntegrityViolationException e) {
            throw slugTaken(slug);
        }
        var id = new TenantId(tenant.getId());
        String password = null;
        var admin = request.firstAdminUsername();
        if (admin != null && !admin.isBlank()) {
            password = users.invitePartnerAdmin(admin.trim(), id, slug);
        }
        events.publishEvent(new TenantRegistered(id, slug, name, email));
        return new TenantRegistration(mapper.toSummary(tenant), password);
    }

    public Optional<TenantSummary> find(TenantId id) {
        access.requireRead(id, "read tenant " + id);
        return tenants.findById(id.value()).map(mapper::toSummary);
    }

    /**
     * Opens a tenant by slug. A partner admin asking for any tenant but their own is refused (and the attempt
     * recorded) whether or not that tenant exists, so the answer leaks nothing.
     */
    public Optional<TenantSummary> open(String slugText) {
        var tenant = tenants.findBySlug(slugText == null ? "" : slugText);
        if (tenant.isEmpty()) {
            if (!access.canReadAll()) {
                access.refuse(null, "open tenant '" + slugText + "'");
            }
            return Optional.empty();
        }
        var id = new TenantId(tenant.get().getId());
        access.requireRead(id, "open tenant '" + slugText + "'");
        return tenant.map(mapper::toSummary);
    }

    /**
     * A tenant by slug for the API, where a tenant the caller may not read is told apart from a missing one
     * nowhere: both are empty (a refusal is still recorded), so a partner's token learns nothing of other tenants.
     */
    public Optional<TenantSummary> lookup(String slugText) {
        var tenant = tenants.findBySlug(slugText == null ? "" : slugText);
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        var id = new TenantId(tenant.get().getId());
        if (!access.canRead(id)) {
            access.recordRefusal(id, "open tenant '" + slugText + "'");
            return Optional.empty();
        }
        return tenant.map(mapper::toSummary);
    }

    /**
     * Keyset pagination for the API: up to {@code limit} tenants matching the grid's filters whose slug comes
     * after {@code afterSlug} (null: from the first), in slug order. Stable under inserts, unlike offsets.
     */
    public List<TenantSummary> searchAfter(TenantFilter filter, String afterSlug, int limit) {
        access.requireReadAll("list tenants");
        if (limit < 1 || limit > 500) {
            throw new InvalidValueException("limit", "A page holds 1 to 500 tenants.");
        }
        var spec = TenantSpecifications.matching(filter).and(TenantSpecifications.after(afterSlug));
        return tenants.findAll(spec, org.springframework.data.domain.PageRequest.of(0, limit,
                org.springframework.data.domain.Sort.by("slug"))).map(mapper::toSummary).getContent();
    }

    public Page<TenantSummary> search(TenantFilter filter, Pageable page) {
        access.requireReadAll("list tenants");
        return tenants.findAll(TenantSpecifications.matching(filter), page).map(mapper::toSummary);
    }

    public long count(TenantFilter filter) {
        access.requireReadAll("list tenants");
        return tenants.count(TenantSpecifications.matching(filter));
    }

    /** How many tenants are in each state (every state present, zero included), from one query. */
    public Map<TenantStatus, Long> countByStatus() {
        access.requireReadAll("count tenants");
        var counts = new EnumMap<TenantStatus, Long>(TenantStatus.class);
        for (var status : TenantStatus.values()) {
            counts.put(status, 0L);
        }
        tenants.countByStatus().forEach(row -> counts.put((TenantStatus) row[0], (Long) row[1]));
        return counts;
    }

    /** How many tenants in the given states sit at each stored changelog version (null: none recorded). */
    public Map<String, Long> countByChangelogVersion(Collection<TenantStatus> statuses) {
        access.requireReadAll("count tenants");
        var counts = new HashMap<String, Long>();
        tenants.countByChangelogVersion(statuses).forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }

    /**
     * One page, by slug, of the tenants in the given states whose stored changelog version is one of
     * {@code versions}, or is not recorded when {@code orNone}: the schema-upgrades page's "behind" list.
     */
    public List<TenantSummary> atChangelogVersions(Collection<TenantStatus> statuses, Collection<String> versions,
                                                   boolean orNone, Pageable page) {
        access.requireReadAll("list tenants");
        // an empty IN list is not valid SQL everywhere; no stored version is the empty string
        var in = versions.isEmpty() ? List.of("") : versions;
        return tenants.atChangelogVersions(statuses, in, orNone, page).stream()
                .map(mapper::toSummary).toList();
    }

    /** The tenants with these ids that exist, in no particular order (one query). */
    public List<TenantSummary> find(Collection<TenantId> ids) {
        ids.forEach(id -> access.requireRead(id, "read tenant"));
        return tenants.findAllById(ids.stream().map(TenantId::value).toList()).stream().map(mapper::toSummary).toList();
    }

    /** Tenants in the given states, by slug (fleet upgrades, publication rebuilds). */
    public List<TenantSummary> inStatus(Collection<TenantStatus> statuses) {
        access.requireReadAll("list tenants");
        return tenants.findByStatusInOrderBySlug(statuses).stream().map(mapper::toSummary).toList();
    }

    @Transactional
    public TenantSummary activate(TenantId id, String changelogVersion) {
        access.requireOperator("activate tenants");
        var tenant = load(id);
        tenant.activate(changelogVersion, clock.instant());
        events.publishEvent(new TenantActivated(id, new TenantSlug(tenant.getSlug()), changelogVersion));
        return mapper.toSummary(tenant);
    }

    @Transactional
    public TenantSummary failProvisioning(TenantId id, String reason) {
        access.requireOperator("fail tenant provisioning");
        var tenant = load(id);
        tenant.fail(reason, clock.instant());
        events.publishEvent(new TenantProvisioningFailed(id, new TenantSlug(tenant.getSlug()), reason));
        return mapper.toSummary(tenant);
    }

    @Transactional
    public TenantSummary retry(TenantId id) {
        access.requireOperator("retry tenant provisioning");
        var tenant = load(id);
        var previous = tenant.retry(clock.instant());
        events.publishEvent(new TenantProvisioningRetried(id, new TenantSlug(tenant.getSlug()), previous));
        return mapper.toSummary(tenant);
    }

    @Transactional
    public TenantSummary suspend(TenantId id, String reason) {
        access.requireOperator("suspend tenants");
        var tenant = load(id);
        var why = reason == null || reason.isBlank() ? null : reason.trim();
        if (why != null && why.length() > 500) {
            throw new InvalidValueException("reason", "Reason must be at most 500 characters.");
        }
        tenant.suspend(why, clock.instant());
        events.publishEvent(new TenantSuspended(id, new TenantSlug(tenant.getSlug()), why));
        return mapper.toSummary(tenant);
    }

    @Transactional
    public TenantSummary resume(TenantId id) {
        access.requireOperator("resume tenants");
        var tenant = load(id);
        tenant.resume(clock.instant());
        events.publishEvent(new TenantResumed(id, new TenantSlug(tenant.getSlug())));
        return mapper.toSummary(tenant);
    }

    /**
     * Offboards the tenant: its schema is dropped after this commits; the record and its history stay. The
     * operator must type the slug to confirm.
     */
    @Transactional
    public TenantSummary offboard(TenantId id, String typedSlug) {
        access.requireOperator("offboard tenants");
        var tenant = load(id);
        if (typedSlug == null || !tenant.getSlug().equals(typedSlug.trim())) {
            throw new InvalidValueException("confirmation",
                    "Type the slug '" + tenant.getSlug() + "' exactly to confirm offboarding.");
        }
        tenant.offboard(clock.instant());
        events.publishEvent(new TenantOffboarded(id, new TenantSlug(tenant.getSlug())));
        return mapper.toSummary(tenant);
    }

    /** Records that the tenant's schema now stands at {@code toVersion} after a fleet upgrade. */
    @Transactional
    public TenantSummary recordSchemaUpgrade(TenantId id, String toVersion, int changesetsApplied) {
        return recordSchemaUpgrades(List.of(id), toVersion, changesetsApplied).get(0);
    }

    /**
     * Records that the tenants' schemas now stand at {@code toVersion} (a batch of a fleet upgrade, one read for
     * all of them); one {@link TenantSchemaUpgraded} each, in the order given.
     */
    @Transactional
    public List<TenantSummary> recordSchemaUpgrades(List<TenantId> ids, String toVersion, int changesetsApplied) {
        access.requireOperator("upgrade tenant schemas");
        var found = new HashMap<TenantId, Tenant>();
        tenants.findAllById(ids.stream().map(TenantId::value).toList())
                .forEach(t -> found.put(new TenantId(t.getId()), t));
        var now = clock.instant();
        return ids.stream().map(id -> {
            var tenant = found.get(id);
            if (tenant == null) {
                throw noTenant(id);
            }
            var from = tenant.getChangelogVersion();
            tenant.recordChangelogVersion(toVersion, now);
            events.publishEvent(new TenantSchemaUpgraded(id, new TenantSlug(tenant.getSlug()), tenant.getStatus(),
                    from, toVersion, changesetsApplied));
            return mapper.toSummary(tenant);
        }).toList();
    }

    private Tenant load(TenantId id) {
        return tenants.findById(id.value()).orElseThrow(() -> noTenant(id));
    }

    private static InvalidValueException noTenant(TenantId id) {
        return new InvalidValueException("No tenant with id " + id + ".");
    }

    private static InvalidValueException slugTaken(TenantSlug slug) {
        return new DuplicateValueException("slug", "A tenant with slug '" + slug + "' already exists.");
    }
}
