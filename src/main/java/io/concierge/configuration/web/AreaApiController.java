package io.concierge.configuration.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.FieldChange;
import io.concierge.configuration.Submission;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.NotFoundException;
import io.concierge.shared.web.ApiController;
import io.concierge.shared.web.Etags;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Each configuration area of a tenant (branding, rules, access), the same way for all, through
 * {@link ConfigurationAreas} as the editors: the current content with its version as {@code ETag}; a new version
 * with {@code If-Match} (412 when somebody saved since, 428 without it; 202 with the change request's number where
 * the area needs approval); the history; the changes between two versions in the area's words; a restore.
 */
@ApiController
@RequestMapping(ApiController.BASE + "/tenants/{slug}/areas/{area}")
@Tag(name = "Configuration areas")
class AreaApiController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurationAreas areas;
    private final TenantService tenants;

    AreaApiController(ConfigurationAreas areas, TenantService tenants) {
        this.areas = areas;
        this.tenants = tenants;
    }

    /** {@code version} 0 and no author: nothing saved yet, {@code content} is the area's starting point. */
    record AreaResource(String tenant, String area, long version, JsonNode content, String author, Instant savedAt,
                        boolean editable, String notEditableBecause) {
    }

    record NewContent(JsonNode content, String comment) {
    }

    record Restore(Long version, String comment) {
    }

    record VersionResource(long version, String author, String comment, Instant createdAt, Long restoredFrom) {
        static VersionResource of(ConfigVersion v) {
            return new VersionResource(v.version(), v.author(), v.comment(), v.createdAt(), v.restoredFrom());
        }
    }

    record Change(String path, String before, String after, String kind, String description) {
        static Change of(FieldChange c) {
            return new Change(c.path(), c.before(), c.after(), c.kind().name(), c.describe());
        }
    }

    /** {@code changeRequest}: the number of the request that now waits for approval; nothing was saved yet. */
    record Proposed(long changeRequest, String message) {
    }

    @GetMapping
    @Operation(summary = "Read an area's current content", description = "`area` is branding, rules or access. "
            + "The ETag is the version; send it back as If-Match to change the area.")
    ResponseEntity<AreaResource> get(@PathVariable String slug, @PathVariable String area) {
        var tenant = tenant(slug);
        var definition = areas.definition(area(area));
        return read(definition, tenant);
    }

    private <T> ResponseEntity<AreaResource> read(AreaDefinition<T> definition, TenantSummary tenant) {
        var snapshot = areas.open(definition, tenant.slug().value()).orElseThrow(() -> NotFoundException.tenant(
                tenant.slug().value()));
        var version = snapshot.version();
        var resource = new AreaResource(tenant.slug().value(), definition.area().key(), snapshot.versionNumber(),
                tree(definition.write(snapshot.content())), version == null ? null : version.author(),
                version == null ? null : version.createdAt(), snapshot.editability().editable(),
                snapshot.editability().message());
        return ResponseEntity.ok().eTag(Etags.of(snapshot.versionNumber())).body(resource);
    }

    @PutMapping
    @Operation(summary = "Save a new version of an area", description = "Needs If-Match with the version the "
            + "content is based on. 200 with the new version, or 202 when the area needs approval: a change request "
            + "was opened instead.")
    ResponseEntity<?> put(@PathVariable String slug, @PathVariable String area,
                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                          @RequestBody NewContent body) {
        var tenant = tenant(slug);
        var expected = Etags.requireIfMatch(ifMatch);
        var definition = areas.definition(area(area));
        if (body == null || body.content() == null || body.content().isNull()) {
            throw new InvalidValueException("content", "Send the area's whole content as 'content'.");
        }
        return answer(submit(definition, tenant, expected, body.content().toString(), body.comment()), tenant, area);
    }

    private <T> Submission submit(AreaDefinition<T> definition, TenantSummary tenant, long expected, String json,
                                  String comment) {
        T content;
        try {
            content = definition.read(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("content", "The content is not " + definition.area().label()
                    .toLowerCase() + ": " + e.getMessage());
        }
        return areas.submit(definition, tenant.id(), expected, content, comment);
    }

    @GetMapping("/history")
    @Operation(summary = "List an area's versions", description = "Newest first.")
    List<VersionResource> history(@PathVariable String slug, @PathVariable String area) {
        return areas.history(tenant(slug).id(), area(area)).stream().map(VersionResource::of).toList();
    }

    @GetMapping("/diff")
    @Operation(summary = "Compare two versions", description = "What changed from version `from` (0: nothing "
            + "saved) to `to`, in the area's words, as the history's compare shows it.")
    List<Change> diff(@PathVariable String slug, @PathVariable String area, @RequestParam long from,
                      @RequestParam long to) {
        return areas.changes(tenant(slug).id(), area(area), from, to).stream().map(Change::of).toList();
    }

    @PostMapping("/restore")
    @Operation(summary = "Restore an old version", description = "Makes `version`'s content current again as a new "
            + "version (or a change request where the area needs approval). Needs If-Match with the current version.")
    ResponseEntity<?> restore(@PathVariable String slug, @PathVariable String area,
                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                              @RequestBody Restore body) {
        var tenant = tenant(slug);
        var expected = Etags.requireIfMatch(ifMatch);
        if (body == null || body.version() == null) {
            throw new InvalidValueException("version", "Name the version to restore.");
        }
        var definition = areas.definition(area(area));
        return answer(areas.submitRestore(definition, tenant.id(), body.version(), expected, body.comment()), tenant,
                area);
    }

    private ResponseEntity<?> answer(Submission submission, TenantSummary tenant, String area) {
        if (submission instanceof Submission.Proposed proposed) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new Proposed(proposed.request(), proposed.message()));
        }
        var saved = ((Submission.Saved) submission).version();
        return ResponseEntity.ok().eTag(Etags.of(saved.version()))
                .header(HttpHeaders.CONTENT_LOCATION, ApiController.BASE + "/tenants/" + tenant.slug() + "/areas/"
                        + area)
                .body(VersionResource.of(saved));
    }

    private TenantSummary tenant(String slug) {
        return tenants.lookup(slug).orElseThrow(() -> NotFoundException.tenant(slug));
    }

    private static ConfigArea area(String key) {
        return Arrays.stream(ConfigArea.values()).filter(a -> a.key().equals(key)).findFirst()
                .orElseThrow(() -> new NotFoundException("No configuration area '" + key + "'; the areas are "
                        + Arrays.stream(ConfigArea.values()).map(ConfigArea::key).collect(Collectors.joining(", "))
                        + "."));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an area wrote content that is not JSON", e);
        }
    }
}
