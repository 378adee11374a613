package io.concierge.bundles;

import io.concierge.bundles.internal.BundleDocuments;
import io.concierge.bundles.internal.BundleSchema;
import io.concierge.bundles.internal.StartingBundleEntity;
import io.concierge.bundles.internal.StartingBundleRepository;
import io.concierge.changes.ApprovalPolicies;
import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.Submission;
import io.concierge.security.TenantAccess;
import io.concierge.shared.DisplayText;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.InvalidValueException.FieldError;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.StartingConfiguration;
import io.concierge.tenant.TenantRegistration;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Configuration bundles: export a tenant's every configuration area and approval policy as one document, import
 * one in two steps (plan: what each area and policy would become, nothing written; apply: each changed policy
 * through {@link ApprovalPolicies#set}, then each changed area through {@link ConfigurationAreas#submit}, so a new
 * version or a change request, all or none), and create a tenant whose first versions and policies are a
 * bundle's. Every area is handled alike through its {@link AreaDefinition}; a new area travels as soon as the
 * bundle schema names it. Secrets never travel: a bundle holds only area contents and policies.
 */
@Service
@Transactional(readOnly = true)
public class BundleService implements StartingConfiguration {

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX_SOURCE = 200;

    private final ConfigurationAreas areas;
    private final ApprovalPolicies policies;
    private final TenantService tenants;
    private final TenantAccess access;
    private final BundleSchema schema;
    private final StartingBundleRepository starting;
    private final Clock clock;

    BundleService(ConfigurationAreas areas, ApprovalPolicies policies, TenantService tenants, TenantAccess access,
                  BundleSchema schema, StartingBundleRepository starting, Clock clock) {
        this.areas = areas;
        this.policies = policies;
        this.tenants = tenants;
        this.access = access;
        this.schema = schema;
        this.starting = starting;
        this.clock = clock;
    }

    /** The bundle's JSON Schema, as published at /api/v1/schemas/bundle-v1.json. */
    public String schema() {
        return schema.text();
    }

    /**
     * The tenant's whole configuration as a bundle document: each area's current content, or its starting point
     * where nothing was saved yet, and the approvals each area needs now (the default where no operator set one),
     * so a bundle is always complete. Empty for an unknown tenant; refused for a partner admin of another tenant.
     */
    public Optional<ExportedBundle> export(String slug) {
        return tenants.open(slug).map(tenant -> {
            var contents = new EnumMap<ConfigArea, String>(ConfigArea.class);
            var versions = new EnumMap<ConfigArea, Long>(ConfigArea.class);
            for (var area : ConfigArea.values()) {
                var snapshot = snapshot(areas.definition(area), slug);
                contents.put(area, snapshot.json());
                versions.put(area, snapshot.version());
            }
            var now = clock.instant();
            var bundle = new Bundle(tenant.slug().value(), contents, policies.all(tenant.id()));
            var json = BundleDocuments.write(bundle, now, versions);
            return new ExportedBundle("concierge-bundle-" + tenant.slug() + "-" + FILE_TIME.format(now) + ".json", json);
        });
    }

    /**
     * Reads an uploaded document: JSON Schema first, then each area's own validation (branding images by their
     * bytes, roles against the permission catalogue). Throws BundleRejectedException listing every problem by path.
     */
    public Bundle read(String json) {
        var document = BundleDocuments.read(json, schema);
        var checked = new EnumMap<ConfigArea, String>(ConfigArea.class);
        var problems = new ArrayList<String>();
        document.areas().forEach((area, content) -> {
            try {
                checked.put(area, check(areas.definition(area), content));
            } catch (InvalidValueException e) {
                problems.add("$.areas." + area.key() + (e.field() == null ? "" : "." + e.field()) + ": "
                        + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new BundleRejectedException(problems);
        }
        return new Bundle(document.sourceTenant(), checked, document.policies());
    }

    /** The current configuration and policies of a tenant as a bundle, for "create like"; empty for an unknown tenant. */
    public Optional<Bundle> of(String slug) {
        return tenants.open(slug).map(tenant -> {
            var contents = new EnumMap<ConfigArea, String>(ConfigArea.class);
            for (var area : ConfigArea.values()) {
                contents.put(area, snapshot(areas.definition(area), slug).json());
            }
            return new Bundle(tenant.slug().value(), contents, policies.all(tenant.id()));
        });
    }

    /**
     * What importing the bundle into the tenant would change, policy by policy and area by area, as the human
     * diff; nothing is written. Needs the right to change the tenant's configuration; a bundle that would change
     * an approval policy needs an operator: anyone else is refused with every such policy named
     * ({@code policies.<area>}), since a partner admin may not loosen, nor quietly skip, the tenant's four eyes.
     * Empty for an unknown tenant.
     */
    public Optional<ImportPlan> plan(String slug, Bundle bundle) {
        return tenants.open(slug).map(tenant -> {
            access.requireEdit(tenant.id(), "import configuration into tenant '" + slug + "'");
            var policyPlans = planPolicies(tenant, bundle);
            var plans = new ArrayList<ImportPlan.AreaPlan>();
            bundle.areas().forEach((area, content) -> plans.add(planArea(areas.definition(area), slug, content)));
            return new ImportPlan(tenant, bundle, plans, policyPlans);
        });
    }

    /** Applies a plan as it was shown; see {@link #apply(String, Bundle, Map, String)}. */
    @Transactional
    public ImportResult apply(ImportPlan plan, String comment) {
        return apply(plan.target().slug().value(), plan.bundle(), plan.basedOn(), comment);
    }

    /**
     * Writes every policy the bundle changes through {@link ApprovalPolicies#set} (raising at once, lowering as a
     * policy change request), then every area it changes through {@link ConfigurationAreas#submit}: a new
     * version, or a change request where the area needs approval. Policies come first, so the stricter of the
     * old and the new policy governs the imported content. All or nothing: when any area was saved after the
     * version in {@code basedOn} (what the plan saw), ConfigurationConflictException is thrown and nothing is
     * written; the same for any refusal. Only the target tenant is ever written.
     */
    @Transactional
    public ImportResult apply(String slug, Bundle bundle, Map<ConfigArea, Long> basedOn, String comment) {
        var tenant = tenants.open(slug).orElseThrow(() -> new InvalidValueException("tenant", "No tenant '" + slug + "'."));
        access.requireEdit(tenant.id(), "import configuration into tenant '" + slug + "'");
        var why = comment == null || comment.isBlank() ? "Imported from a bundle"
                + (bundle.sourceTenant() == null ? "" : " of tenant '" + bundle.sourceTenant() + "'") : comment;
        var policyOutcomes = new ArrayList<ImportResult.PolicyOutcome>();
        for (var policy : planPolicies(tenant, bundle)) {
            if (policy.changed()) {
                policyOutcomes.add(new ImportResult.PolicyOutcome(policy.area(),
                        policies.set(tenant.id(), policy.area(), policy.imported(), why)));
            }
        }
        var outcomes = new ArrayList<ImportResult.AreaOutcome>();
        bundle.areas().forEach((area, content) -> {
            var expected = basedOn.get(area);
            if (expected == null) {
                throw new InvalidValueException("basedOn", "The version of " + area.label().toLowerCase()
                        + " the plan saw is missing; plan the import again.");
            }
            outcomes.add(new ImportResult.AreaOutcome(area, applyArea(areas.definition(area), tenant, content,
                    expected, why)));
        });
        return new ImportResult(policyOutcomes, outcomes);
    }

    @Override
    @Transactional
    public TenantRegistration registerLike(NewTenant request, String likeSlug) {
        access.requireOperator("create tenants");
        var like = likeSlug == null ? "" : likeSlug.trim();
        var bundle = of(like).orElseThrow(() -> new InvalidValueException("like", "No tenant '" + like + "' to copy."));
        return register(request, bundle, "Created like tenant '" + like + "'");
    }

    @Override
    @Transactional
    public TenantRegistration registerFromBundle(NewTenant request, String fileName, String bundleJson) {
        access.requireOperator("create tenants");
        var bundle = read(bundleJson);
        var name = fileName == null || fileName.isBlank() ? "a bundle" : "bundle " + fileName.trim();
        DisplayText.checkCharacters(BundleRejectedException.FIELD, "File name", name);
        return register(request, bundle, "Created from " + (name.length() > 120 ? name.substring(0, 120) : name));
    }

    private TenantRegistration register(NewTenant request, Bundle bundle, String source) {
        var registration = tenants.register(request);
        var why = source.length() > MAX_SOURCE ? source.substring(0, MAX_SOURCE) : source;
        starting.save(new StartingBundleEntity(registration.tenant().id().value(),
                BundleDocuments.write(bundle, null, Map.of()), why, clock.instant()));
        policies.seed(registration.tenant().id(), bundle.policies(), why);
        return registration;
    }

    /**
     * The bundle's policies against the tenant's; refused, naming each, when one would change and the caller is
     * not an operator (the only ones who change policies).
     */
    private List<ImportPlan.PolicyPlan> planPolicies(TenantSummary tenant, Bundle bundle) {
        var current = policies.all(tenant.id());
        var plans = bundle.policies().entrySet().stream()
                .map(p -> new ImportPlan.PolicyPlan(p.getKey(), current.get(p.getKey()), p.getValue())).toList();
        if (!access.isOperator()) {
            var refused = plans.stream().filter(ImportPlan.PolicyPlan::changed)
                    .map(p -> new FieldError("policies." + p.area().key(), "Only an operator may change approval "
                            + "policies: the bundle sets the approvals for " + p.area().label().toLowerCase() + " to "
                            + p.imported() + " (now " + p.current() + "). Ask an operator to import it, or remove "
                            + "\"policies\" from the file.")).toList();
            if (!refused.isEmpty()) {
                throw new InvalidValueException("policies", "The bundle changes approval policies of tenant '"
                        + tenant.slug() + "', which only an operator may do: " + refused.stream()
                        .map(FieldError::field).collect(Collectors.joining(", ")) + ".", refused);
            }
        }
        return plans;
    }

    private <T> ImportPlan.AreaPlan planArea(AreaDefinition<T> definition, String slug, String content) {
        var current = areas.open(definition, slug).orElseThrow();
        var imported = definition.read(content);
        var changed = !ConfigurationStore.canonical(definition.write(current.content())).equals(content);
        return new ImportPlan.AreaPlan(definition.area(), current.versionNumber(),
                changed ? areas.changes(definition, current.content(), imported) : List.of(), changed);
    }

    private <T> Submission applyArea(AreaDefinition<T> definition, TenantSummary tenant,
                                                                 String content, long expected, String comment) {
        var current = areas.open(definition, tenant.slug().value()).orElseThrow();
        if (current.versionNumber() != expected) {
            throw current.version() == null ? new ConfigurationConflictException(definition.area())
                    : new ConfigurationConflictException(current.version());
        }
        if (ConfigurationStore.canonical(definition.write(current.content())).equals(content)) {
            return null;
        }
        return areas.submit(definition, tenant.id(), expected, definition.read(content), comment);
    }

    private static <T> String check(AreaDefinition<T> definition, String content) {
        return ConfigurationStore.canonical(definition.write(definition.validate(definition.read(content))));
    }

    private <T> Exported snapshot(AreaDefinition<T> definition, String slug) {
        var snapshot = areas.open(definition, slug).orElseThrow();
        return new Exported(ConfigurationStore.canonical(definition.write(snapshot.content())), snapshot.versionNumber());
    }

    private record Exported(String json, long version) {
    }
}
