package io.concierge.publishing.web;

import io.concierge.publishing.PublicationStatus;
import io.concierge.publishing.PublishingService;
import io.concierge.publishing.ReconcileResult;
import io.concierge.shared.NotFoundException;
import io.concierge.shared.web.ApiController;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

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
    @Operation(summary = "Every tenant's publication status", description = "Operators and auditors.")
    List<Publication> overview() {
        return publishing.overview().stream().map(Publication::of).toList();
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
