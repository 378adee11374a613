package io.concierge.tenant.web;

import io.concierge.shared.NotFoundException;
import io.concierge.shared.web.ApiController;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantFilter;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Tenants: create, list (the grid's filters, keyset pagination by slug), read and the operators' lifecycle
 * actions, through {@link TenantService} as the views. A tenant the caller may not read is a 404, like one that
 * does not exist.
 */
@ApiController
@RequestMapping(ApiController.BASE + "/tenants")
@Tag(name = "Tenants")
class TenantApiController {

    private final TenantService tenants;

    TenantApiController(TenantService tenants) {
        this.tenants = tenants;
    }

    record TenantResource(String slug, String displayName, String contactEmail, TenantStatus status,
                          String statusReason, String changelogVersion, Instant createdAt, Instant updatedAt) {
        static TenantResource of(TenantSummary t) {
            return new TenantResource(t.slug().value(), t.displayName(), t.contactEmail(), t.status(),
                    t.statusReason(), t.changelogVersion(), t.createdAt(), t.updatedAt());
        }
    }

    /** {@code next}: the cursor of the following page (pass it as {@code after}), null on the last page. */
    record TenantPage(List<TenantResource> items, String next) {
    }

    /** {@code oneTimePassword}: the first partner admin's, shown once, when one was named. */
    record CreatedTenant(TenantResource tenant, String oneTimePassword) {
    }

    record Suspension(String reason) {
    }

    record Confirmation(String confirmation) {
    }

    @GetMapping
    @Operation(summary = "List tenants", description = "Operators and auditors. Filters as in the tenants grid; "
            + "pages in slug order: pass the previous page's `next` as `after`.")
    TenantPage list(@RequestParam(required = false) String slug, @RequestParam(required = false) String name,
                    @RequestParam(required = false) TenantStatus status,
                    @RequestParam(required = false) String after,
                    @Parameter(description = "1 to 500") @RequestParam(defaultValue = "50") int limit) {
        var page = tenants.searchAfter(new TenantFilter(slug, name, status), after, limit);
        var items = page.stream().map(TenantResource::of).toList();
        return new TenantPage(items, items.size() == limit ? items.get(items.size() - 1).slug() : null);
    }

    @PostMapping
    @Operation(summary = "Create a tenant", description = "Operators. Provisioning starts in the background; poll "
            + "the tenant until it is ACTIVE. Accepts Idempotency-Key.")
    ResponseEntity<CreatedTenant> create(@RequestBody NewTenant request) {
        var registration = tenants.register(request);
        var resource = TenantResource.of(registration.tenant());
        return ResponseEntity.created(URI.create(ApiController.BASE + "/tenants/" + resource.slug()))
                .body(new CreatedTenant(resource, registration.firstAdminPassword()));
    }

    @GetMapping("/{slug}")
    @Operation(summary = "Read a tenant")
    TenantResource get(@PathVariable String slug) {
        return TenantResource.of(find(slug));
    }

    @PostMapping("/{slug}/suspend")
    @Operation(summary = "Suspend a tenant", description = "Operators. The reason is optional (at most 500 characters).")
    TenantResource suspend(@PathVariable String slug, @RequestBody(required = false) Suspension body) {
        return TenantResource.of(tenants.suspend(find(slug).id(), body == null ? null : body.reason()));
    }

    @PostMapping("/{slug}/resume")
    @Operation(summary = "Resume a suspended tenant", description = "Operators.")
    TenantResource resume(@PathVariable String slug) {
        return TenantResource.of(tenants.resume(find(slug).id()));
    }

    @PostMapping("/{slug}/offboard")
    @Operation(summary = "Offboard a tenant", description = "Operators. `confirmation` must be the slug, as typed "
            + "in the UI; the schema is dropped, the record and history stay.")
    TenantResource offboard(@PathVariable String slug, @RequestBody(required = false) Confirmation body) {
        return TenantResource.of(tenants.offboard(find(slug).id(), body == null ? null : body.confirmation()));
    }

    @PostMapping("/{slug}/retry")
    @Operation(summary = "Retry a failed provisioning", description = "Operators.")
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.ACCEPTED)
    TenantResource retry(@PathVariable String slug) {
        return TenantResource.of(tenants.retry(find(slug).id()));
    }

    private TenantSummary find(String slug) {
        return tenants.lookup(slug).orElseThrow(() -> NotFoundException.tenant(slug));
    }
}
