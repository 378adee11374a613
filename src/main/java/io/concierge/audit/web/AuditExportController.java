package io.concierge.audit.web;

import io.concierge.audit.AuditEntry;
import io.concierge.audit.AuditFilter;
import io.concierge.audit.AuditLog;
import io.concierge.audit.ExportFormat;
import io.concierge.configuration.FieldChange;
import io.concierge.shared.NotFoundException;
import io.concierge.shared.web.ApiController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The audit history over the API: entries (newest first, keyset pages by id), one entry with its changes, the
 * filtered history streamed as a file ({@code export?format=csv|json}), and the signed checkpoints. Who sees what
 * is decided by {@link AuditLog}: a partner admin only their own tenant, naming another is 403. Bad filters are
 * 400 with the reason.
 */
@ApiController
@RequestMapping(ApiController.BASE + "/audit")
@Tag(name = "Audit")
class AuditExportController {

    private final AuditLog log;

    AuditExportController(AuditLog log) {
        this.log = log;
    }

    record Entry(long id, Instant occurredAt, String actor, String actorRole, String tenant, String area,
                 String action, String target, String detail, String clientAddress, Long producedVersion, String hash) {
        static Entry of(AuditEntry e) {
            return new Entry(e.id(), e.occurredAt(), e.actor(), e.actorRole(), e.tenantSlug(),
                    e.area().key(), e.action().key(), e.target(), e.detail(), e.clientAddress(),
                    e.producedVersion(), e.hash());
        }
    }

    /** {@code next}: pass it as {@code before} for the following (older) page; null on the last. */
    record EntryPage(List<Entry> items, Long next) {
    }

    record EntryDetails(Entry entry, String before, String after, List<FieldChange> changes) {
    }

    @GetMapping("/entries")
    @Operation(summary = "List audit entries", description = "Newest first; filters as in the audit view. "
            + "`action` is a key such as tenant.suspended, `area` one such as branding; `from`/`to` are ISO dates.")
    EntryPage entries(@RequestParam(required = false) String tenant, @RequestParam(required = false) String actor,
                      @RequestParam(required = false) String action, @RequestParam(required = false) String area,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(required = false) String q, @RequestParam(required = false) Long before,
                      @RequestParam(defaultValue = "100") int limit) {
        var page = log.page(AuditFilter.parse(tenant, actor, action, area, from, to, q), before, limit);
        var items = page.stream().map(Entry::of).toList();
        return new EntryPage(items, items.size() == limit ? items.get(items.size() - 1).id() : null);
    }

    @GetMapping("/entries/{id}")
    @Operation(summary = "Read one audit entry", description = "With its before/after content and the changes.")
    EntryDetails entry(@PathVariable long id) {
        var details = log.details(id).orElseThrow(() -> new NotFoundException("No audit entry " + id + "."));
        return new EntryDetails(Entry.of(details.entry()), details.before(), details.after(), details.changes());
    }

    @GetMapping(value = "/export", produces = {"text/csv", "application/json"})
    @Operation(summary = "Export the filtered history", description = "Streamed as a CSV or JSON file.")
    void export(@RequestParam(required = false) String format, @RequestParam(required = false) String tenant,
                @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                @RequestParam(required = false) String area, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String q,
                HttpServletResponse response) throws IOException {
        var exportFormat = ExportFormat.parse(format);
        var filter = AuditFilter.parse(tenant, actor, action, area, from, to, q);
        // refuse before the first byte: once streaming has begun the status can no longer change
        log.checkExport(filter);
        response.setContentType(exportFormat.contentType() + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"" + AuditLog.exportFileName(filter, exportFormat) + "\"");
        log.export(filter, exportFormat, response.getOutputStream());
        response.flushBuffer();
    }

    /** The signed checkpoints of the chain kept in Redis, oldest first, one JSON object a line. */
    @GetMapping(value = "/checkpoints", produces = "application/x-ndjson")
    @Operation(summary = "Download the signed checkpoints", description = "Operators and auditors.")
    void checkpoints(HttpServletResponse response) throws IOException {
        log.checkCheckpointExport();
        response.setContentType("application/x-ndjson;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-checkpoints.jsonl\"");
        log.exportCheckpoints(response.getOutputStream());
        response.flushBuffer();
    }

}
