package io.concierge.audit.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit export's paths before the API was versioned: a permanent redirect (308) to the same query under
 * {@code /api/v1/audit}, so existing scripts and bookmarks keep working. The redirect itself needs no sign-in;
 * the target does.
 */
@RestController
class OldAuditPaths {

    @GetMapping({"/api/audit/export", "/api/audit/checkpoints"})
    ResponseEntity<Void> moved(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length())
                .replaceFirst("^/api/audit/", "/api/v1/audit/");
        var query = request.getQueryString();
        return ResponseEntity.status(HttpStatus.PERMANENT_REDIRECT)
                .header(HttpHeaders.LOCATION, request.getContextPath() + path + (query == null ? "" : "?" + query))
                .build();
    }
}
