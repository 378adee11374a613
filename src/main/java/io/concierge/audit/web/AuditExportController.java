package io.concierge.audit.web;

import io.concierge.audit.AuditFilter;
import io.concierge.audit.AuditLog;
import io.concierge.audit.ExportFormat;
import io.concierge.shared.InvalidValueException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /api/audit/export?format=csv|json&tenant=&actor=&action=&area=&from=&to=&q=}: the filtered history
 * streamed as a file, for scripts and archiving. Sign-in is required by the console's security chain (every
 * URL outside the login page is); who sees what is decided by {@link AuditLog}: a partner admin only their own
 * tenant, naming another is 403. Bad filters are 400 with the reason.
 */
@RestController
class AuditExportController {

    private final AuditLog log;

    AuditExportController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/audit/export")
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

    /**
     * {@code GET /api/audit/checkpoints}: the signed checkpoints of the chain kept in Redis, oldest first, one JSON
     * object a line, for auditors to keep elsewhere (operators and auditors; others 403).
     */
    @GetMapping("/api/audit/checkpoints")
    void checkpoints(HttpServletResponse response) throws IOException {
        log.checkCheckpointExport();
        response.setContentType("application/x-ndjson;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-checkpoints.jsonl\"");
        log.exportCheckpoints(response.getOutputStream());
        response.flushBuffer();
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<Map<String, String>> badFilter(InvalidValueException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", e.getMessage()));
    }
}
