package io.concierge.publishing.web;

import io.concierge.publishing.PublicationStatus;
import io.concierge.publishing.PublicationFilter;
import io.concierge.publishing.PublishingService;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.web.Paging;
import io.concierge.publishing.ReconcileResult;
import io.concierge.shared.NotFoundException;
import io.concierge.shared.web.ApiController;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.List;

/** What the platform's Redis holds of a tenant, and the operators' reconcile (compare and repair). */
@ApiController
@Tag(name = "Publication")
class PublicationApiController {

    private final PublishingService publishing;
    private final TenantService tenants;

    PublicationApiController(PublishingService publishing, TenantService tenants) {
        this.publishing = publishing;
        this.tenants = tenants;
    }

    record Area(String area, long savedVersion, long publishedVersion, Instant publishedAt, String error,
                boolean upToDate) {
    }

    record Publication(String tenant, TenantStatus status, String publishedStatus, long sequence,
                       long publishedSequence, Instant publishedAt, int attempts, String lastError,
                       Instant nextAttemptAt, boolean upToDate, List<Area> areas) {
        static Publication of(PublicationStatus p) {
            return new Publication(p.slug().value(), p.status(), p.publishedStatus(), p.sequence(),
                    p.publishedSequence(), p.publishedAt(), p.attempts(), p.lastError(), p.nextAttemptAt(),
                    p.upToDate(), p.areas().stream().map(a -> new Area(a.area().key(), a.savedVersion(),
                    a.publishedVersion(), a.publishedAt(), a.error(), a.upToDate())).toList());
        }
    }

    record Reconciled(int checked, int drifted, int repaired, List<String> failures) {
        static Reconciled of(ReconcileResult r) {
            return new Reconciled(r.checked(), r.drifted(), r.repaired(), r.failures());
        }
    }

    @GetMapping(ApiController.BASE + "/tenants/{slug}/publication")
    @Operation(summary = "A tenant's publication status", description = "Whether every saved change is in Redis.")
    Publication status(@PathVariable String slug) {
        return Publication.of(publishing.status(tenant(slug).id()));
    }

    @PostMapping(ApiController.BASE + "/tenants/{slug}/publication/reconcile")
    @Operation(summary = "Reconcile a tenant's cache", description = "Operators: compare Redis with the database "
            + "and rewrite it if they differ.")
    Reconciled reconcile(@PathVariable String slug) {
        return Reconciled.of(publishing.reconcile(tenant(slug).id()));
    }

    @GetMapping(ApiController.BASE + "/publication")
    @Operation(summary = "Tenants' publication status, a page at a time", description = "Operators and auditors. "
            + "`state=all` (default) lists every tenant by slug; `pending` and `failing` the tenants with changes not "
            + "in Redis (failing: the last attempt failed), the longest waiting first. `total` counts the whole list.")
    PublicationPage overview(@RequestParam(defaultValue = "all") String state,
                             @Parameter(description = "from 0") @RequestParam(defaultValue = "0") int page,
                             @Parameter(description = "1 to 500") @RequestParam(defaultValue = "50") int size) {
        var filter = switch (state) {
            case "all" -> PublicationFilter.ALL;
            case "pending" -> PublicationFilter.PENDING;
            case "failing" -> PublicationFilter.FAILING;
            default -> throw new InvalidValueException("state", "The state is all, pending or failing.");
        };
        var items = publishing.page(filter, Paging.of(page, size)).stream().map(Publication::of).toList();
        return new PublicationPage(items, publishing.count(filter));
    }

    /** One page of publications and how many the whole list holds. */
    record PublicationPage(List<Publication> items, long total) {
    }

    @PostMapping(ApiController.BASE + "/publication/reconcile")
    @Operation(summary = "Reconcile every tenant's cache", description = "Operators.")
    Reconciled reconcileAll() {
        return Reconciled.of(publishing.reconcileAll());
    }

    private TenantSummary tenant(String slug) {
        return tenants.lookup(slug).orElseThrow(() -> NotFoundException.tenant(slug));
    }
}
