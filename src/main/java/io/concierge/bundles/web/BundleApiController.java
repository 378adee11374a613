package io.concierge.bundles.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.bundles.BundleService;
import io.concierge.bundles.ImportResult;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.FieldChange;
import io.concierge.configuration.Submission;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.NotFoundException;
import io.concierge.shared.web.ApiController;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Configuration bundles over the API: the published schema, export, plan and apply per tenant, and creating a
 * tenant like another or from a bundle. The tenants resource of the API takes a plain {@link NewTenant}, so
 * creating from a bundle is its own operation ({@code POST /api/v1/tenants/from-bundle}). A tenant the caller may
 * not read is a 404, as one that does not exist.
 */
@ApiController
@Tag(name = "Configuration bundles")
class BundleApiController {

    private final BundleService bundles;
    private final TenantService tenants;

    BundleApiController(BundleService bundles, TenantService tenants) {
        this.bundles = bundles;
        this.tenants = tenants;
    }

    record AreaPlan(String area, long basedOn, boolean changed, List<FieldChange> changes) {
    }

    /**
     * One approval policy the bundle names: the approvals the area needs now and those the bundle asks for;
     * {@code needsApproval}: lowering it opens a policy change request another operator must approve.
     */
    record PolicyPlan(String area, int current, int imported, boolean changed, boolean needsApproval) {
    }

    /** {@code basedOn}: send it back with the bundle to apply exactly this plan. */
    record Plan(String tenant, boolean nothingToDo, Map<String, Long> basedOn, List<PolicyPlan> policies,
                List<AreaPlan> areas) {
    }

    record ApplyRequest(JsonNode bundle, Map<String, Long> basedOn, String comment) {
    }

    /** {@code outcome}: saved (with {@code version}), proposed (with {@code changeRequest}) or unchanged. */
    record AreaOutcome(String area, String outcome, Long version, Long changeRequest, String message) {
    }

    /** {@code outcome}: set (applied at once) or proposed (lowering: {@code changeRequest} waits for an operator). */
    record PolicyOutcome(String area, String outcome, Long changeRequest, String message) {
    }

    record Applied(String tenant, List<PolicyOutcome> policies, List<AreaOutcome> areas) {
    }

    /** Exactly one of {@code like} (a tenant's slug) and {@code bundle} (a bundle document). */
    record CreateFromBundle(NewTenant tenant, String like, JsonNode bundle) {
    }

    record Created(String slug, TenantStatus status, String oneTimePassword) {
    }

    @GetMapping(value = ApiController.BASE + "/schemas/bundle-v1.json", produces = "application/schema+json")
    @Operation(summary = "The JSON Schema of configuration bundles, format version 1")
    String schema() {
        return bundles.schema();
    }

    @GetMapping(value = ApiController.BASE + "/tenants/{slug}/bundle", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Export the tenant's configuration as a bundle", description = "Every configuration area, "
            + "its current content or its starting point. Never contains users, passwords or tokens.")
    ResponseEntity<String> export(@PathVariable String slug) {
        find(slug);
        var exported = bundles.export(slug).orElseThrow(() -> NotFoundException.tenant(slug));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + exported.fileName() + "\"")
                .body(exported.json());
    }

    @PostMapping(ApiController.BASE + "/tenants/{slug}/bundle/plan")
    @Operation(summary = "Plan the import of a bundle", description = "What each approval policy and area would "
            + "become, as the human diff; nothing is written. A document against the schema is a 400 whose errors "
            + "name each JSON path; a bundle that changes approval policies is a 400 naming each (policies.<area>) "
            + "unless the caller is an operator.")
    Plan plan(@PathVariable String slug, @RequestBody JsonNode bundle) {
        find(slug);
        var plan = bundles.plan(slug, bundles.read(bundle.toString())).orElseThrow(() -> NotFoundException.tenant(slug));
        return new Plan(slug, plan.nothingToDo(), keys(plan.basedOn()), plan.policies().stream()
                .map(p -> new PolicyPlan(p.area().key(), p.current(), p.imported(), p.changed(), p.needsApproval()))
                .toList(), plan.areas().stream()
                .map(a -> new AreaPlan(a.area().key(), a.basedOn(), a.changed(), a.changes())).toList());
    }

    @PostMapping(ApiController.BASE + "/tenants/{slug}/bundle/apply")
    @Operation(summary = "Apply a planned import", description = "Sets every changed approval policy first "
            + "(raised at once; lowered by a policy change request another operator approves), then writes every "
            + "changed area (a new version, or a change request where the area needs approval), all or none: an area "
            + "saved since the plan's basedOn versions is a 412 and nothing is written. Accepts Idempotency-Key.")
    Applied apply(@PathVariable String slug, @RequestBody ApplyRequest request) {
        find(slug);
        if (request.bundle() == null || request.basedOn() == null) {
            throw new InvalidValueException(request.bundle() == null ? "bundle" : "basedOn",
                    "Send the bundle and the basedOn versions of its plan.");
        }
        var result = bundles.apply(slug, bundles.read(request.bundle().toString()), areas(request.basedOn()),
                request.comment());
        return new Applied(slug, result.policies().stream().map(p -> new PolicyOutcome(p.area().key(),
                p.change().applied() ? "set" : "proposed", p.change().request(), p.describe())).toList(),
                result.areas().stream().map(BundleApiController::outcome).toList());
    }

    @PostMapping(ApiController.BASE + "/tenants/from-bundle")
    @Operation(summary = "Create a tenant like another or from a bundle", description = "Operators. As POST "
            + "/api/v1/tenants, the new tenant's first versions and approval policies being the other tenant's "
            + "or the bundle's. Accepts Idempotency-Key.")
    ResponseEntity<Created> create(@RequestBody CreateFromBundle request) {
        if (request.tenant() == null || (request.like() == null) == (request.bundle() == null)) {
            throw new InvalidValueException(request.tenant() == null ? "tenant" : "like",
                    "Send the tenant and exactly one of like (a tenant's slug) and bundle (a bundle document).");
        }
        var registration = request.like() != null ? bundles.registerLike(request.tenant(), request.like())
                : bundles.registerFromBundle(request.tenant(), "API request", request.bundle().toString());
        var slug = registration.tenant().slug().value();
        return ResponseEntity.created(URI.create(ApiController.BASE + "/tenants/" + slug))
                .body(new Created(slug, registration.tenant().status(), registration.firstAdminPassword()));
    }

    private void find(String slug) {
        tenants.lookup(slug).orElseThrow(() -> NotFoundException.tenant(slug));
    }

    private static AreaOutcome outcome(ImportResult.AreaOutcome a) {
        var key = a.area().key();
        if (a.submission() == null) {
            return new AreaOutcome(key, "unchanged", null, null, a.describe());
        }
        if (a.submission() instanceof Submission.Saved saved) {
            return new AreaOutcome(key, "saved", saved.version().version(), null, a.describe());
        }
        var proposed = (Submission.Proposed) a.submission();
        return new AreaOutcome(key, "proposed", null, proposed.request(), a.describe());
    }

    private static Map<String, Long> keys(Map<ConfigArea, Long> versions) {
        var out = new LinkedHashMap<String, Long>();
        versions.forEach((area, version) -> out.put(area.key(), version));
        return out;
    }

    private static Map<ConfigArea, Long> areas(Map<String, Long> versions) {
        var out = new java.util.EnumMap<ConfigArea, Long>(ConfigArea.class);
        versions.forEach((key, version) -> {
            var area = java.util.Arrays.stream(ConfigArea.values()).filter(a -> a.key().equals(key)).findFirst()
                    .orElseThrow(() -> new InvalidValueException("basedOn", "Unknown area '"
                            + (key.length() > 40 ? key.substring(0, 40) : key).toLowerCase(Locale.ROOT) + "'."));
            if (version == null || version < 0) {
                throw new InvalidValueException("basedOn", "The version of " + key + " must be 0 or more.");
            }
            out.put(area, version);
        });
        return out;
    }
}
