package io.concierge.bulk.web;

import io.concierge.bulk.BulkJob;
import io.concierge.bulk.BulkOnboarding;
import io.concierge.bulk.RowResult;
import io.concierge.shared.NotFoundException;
import io.concierge.shared.web.ApiController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Bulk onboarding jobs over the API, operators only: post a CSV ({@code text/csv}) or JSON array
 * ({@code application/json}) of tenants; a file with errors is a 400 whose {@code errors} list every one by row and
 * field, and nothing is created. Then poll the job and its rows; retry the failed rows.
 */
@ApiController
@RequestMapping(ApiController.BASE + "/bulk-jobs")
@Tag(name = "Bulk onboarding")
class BulkJobApiController {

    private final BulkOnboarding bulk;

    BulkJobApiController(BulkOnboarding bulk) {
        this.bulk = bulk;
    }

    record Retried(int rows) {
    }

    @PostMapping(consumes = {"text/csv", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Start a bulk onboarding job", description = "The whole file is validated first. "
            + "Accepts Idempotency-Key.")
    ResponseEntity<BulkJob> start(@RequestBody byte[] file, @RequestHeader(HttpHeaders.CONTENT_TYPE) String type,
                                  @RequestParam(defaultValue = "api-upload") String fileName) {
        var csv = MediaType.parseMediaType(type).isCompatibleWith(MediaType.parseMediaType("text/csv"));
        var name = fileName.replaceAll("\\.(csv|json)$", "") + (csv ? ".csv" : ".json");
        var id = bulk.start(name, file);
        return ResponseEntity.created(URI.create(ApiController.BASE + "/bulk-jobs/" + id)).body(job(id));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A bulk job and how many rows stand where")
    BulkJob job(@PathVariable UUID id) {
        return bulk.job(id).orElseThrow(() -> new NotFoundException("No bulk job " + id + "."));
    }

    @GetMapping("/{id}/rows")
    @Operation(summary = "Every row of a bulk job with its result")
    List<RowResult> rows(@PathVariable UUID id) {
        job(id);
        return bulk.rows(id);
    }

    @GetMapping(value = "/{id}/report.csv", produces = "text/csv")
    @Operation(summary = "The per-row report as CSV", description = "Formula-like cells are neutralised.")
    String report(@PathVariable UUID id) {
        job(id);
        return bulk.report(id);
    }

    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Retry the failed rows of a bulk job")
    Retried retry(@PathVariable UUID id) {
        job(id);
        return new Retried(bulk.retryFailed(id));
    }
}
