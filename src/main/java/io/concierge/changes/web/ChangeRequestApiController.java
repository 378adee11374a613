package io.concierge.changes.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.changes.Approval;
import io.concierge.changes.ChangeKind;
import io.concierge.changes.ChangeRequest;
import io.concierge.changes.ChangeRequests;
import io.concierge.changes.ChangeState;
import io.concierge.changes.TimelineEntry;
import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.ChangeEffect;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.FieldChange;
import io.concierge.configuration.Submission;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.NotFoundException;
import io.concierge.shared.TenantId;
import io.concierge.shared.web.ApiController;
import io.concierge.tenant.TenantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Change requests over the API, through {@link ChangeRequests} as the views: propose (a gated save), read with its
 * diff and effect, approve (naming the content checksum read, which is also the request's ETag), reject, withdraw,
 * apply an approved one, break glass. A request of a tenant the caller may not read is a 404, like one that does
 * not exist.
 */
@ApiController
@Tag(name = "Change requests")
class ChangeRequestApiController {

    private static final String BASE = ApiController.BASE + "/change-requests";

    private final ChangeRequests requests;
    private final ConfigurationAreas areas;
    private final TenantService tenants;

    ChangeRequestApiController(ChangeRequests requests, ConfigurationAreas areas, TenantService tenants) {
        this.requests = requests;
        this.areas = areas;
        this.tenants = tenants;
    }

    record RequestResource(long id, String tenant, String area, ChangeKind kind, ChangeState state, long baseVersion,
                           String contentChecksum, int approvals, int requiredApprovals, boolean intact, String author,
                           String comment, Instant createdAt, Instant applyAt, Long appliedVersion, String appliedBy,
                           String breakGlassReason, String note) {
        static RequestResource of(ChangeRequest r) {
            return new RequestResource(r.id(), r.slug().value(), r.area().key(), r.kind(), r.state(), r.baseVersion(),
                    r.contentChecksum(), r.approvals(), r.requiredApprovals(), r.intact(), r.author(), r.comment(),
                    r.createdAt(), r.applyAt(), r.appliedVersion(), r.appliedBy(), r.breakGlassReason(), r.stateNote());
        }
    }

    record ReviewResource(RequestResource request, JsonNode content, List<FieldChange> changes, ChangeEffect effect,
                          List<FieldChange> changedSince, List<Approval> approvals, List<TimelineEntry> timeline,
                          String approvalRefusal) {
    }

    /** {@code content}: the whole proposed area, as its GET answers it; {@code baseVersion}: the version read. */
    record Proposal(String area, Long baseVersion, JsonNode content, String comment) {
    }

    /** {@code outcome}: "proposed" (then {@code request}) or "saved" (the area needs no approval; then {@code version}). */
    record ProposalOutcome(String outcome, Long request, Long version, String message) {
    }

    record Decision(String checksum, String comment) {
    }

    record Reason(String reason) {
    }

    /** {@code checksum}: the content the author edited; {@code content}: the whole area, replacing the proposal. */
    record Revision(String checksum, JsonNode content, String comment) {
    }

    @GetMapping(BASE)
    @Operation(summary = "The caller's inbox", description = "`view=review`: open requests waiting for the caller's "
            + "approval; `view=mine`: the caller's own requests that are not finished.")
    List<RequestResource> inbox(@RequestParam(defaultValue = "review") String view) {
        var list = switch (view) {
            case "review" -> requests.waitingForMyReview();
            case "mine" -> requests.myOpenRequests();
            default -> throw new InvalidValueException("view", "view must be 'review' or 'mine'.");
        };
        return list.stream().map(RequestResource::of).toList();
    }

    @GetMapping(ApiController.BASE + "/tenants/{slug}/change-requests")
    @Operation(summary = "A tenant's requests that are not finished")
    List<RequestResource> ofTenant(@PathVariable String slug) {
        return requests.pendingFor(tenant(slug)).stream().map(RequestResource::of).toList();
    }

    @PostMapping(ApiController.BASE + "/tenants/{slug}/change-requests")
    @Operation(summary = "Propose a change of an area", description = "The same as saving the area in its editor: "
            + "where the tenant's policy needs approvals, a change request is opened (202, Location of the request); "
            + "where it needs none, the content is saved at once (201). A newer version than `baseVersion` is a 412.")
    ResponseEntity<ProposalOutcome> propose(@PathVariable String slug, @RequestBody Proposal proposal) {
        var tenant = tenant(slug);
        var area = area(proposal.area());
        if (proposal.content() == null || !proposal.content().isObject()) {
            throw new InvalidValueException("content", "content must be the whole area as a JSON object.");
        }
        if (proposal.baseVersion() == null || proposal.baseVersion() < 0) {
            throw new InvalidValueException("baseVersion", "baseVersion must be the version the content is based on "
                    + "(0 when the area was never saved).");
        }
        var submission = submit(areas.definition(area), tenant, proposal.baseVersion(), proposal.content().toString(),
                proposal.comment());
        if (submission instanceof Submission.Proposed proposed) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(BASE + "/" + proposed.request()))
                    .body(new ProposalOutcome("proposed", proposed.request(), null, proposed.message()));
        }
        var saved = ((Submission.Saved) submission).version();
        return ResponseEntity.status(HttpStatus.CREATED).body(new ProposalOutcome("saved", null, saved.version(),
                area.label() + " saved as version " + saved.version() + "."));
    }

    @GetMapping(BASE + "/{id}")
    @Operation(summary = "Read a request with its review", description = "The ETag is the content checksum an "
            + "approval names.")
    ResponseEntity<ReviewResource> get(@PathVariable long id) {
        var review = readable(id);
        var r = review.request();
        return ResponseEntity.ok().header(HttpHeaders.ETAG, "\"" + r.contentChecksum() + "\"")
                .body(new ReviewResource(RequestResource.of(r), json(r.content()), review.changes(), review.effect(),
                        review.changedSince(), review.approvals(), review.timeline(),
                        review.approvalRefusal().orElse(null)));
    }

    @PostMapping(BASE + "/{id}/approve")
    @Operation(summary = "Approve", description = "`checksum`: the contentChecksum (ETag) of the content reviewed; "
            + "refused when the content changed since. The last approval applies the request (or schedules it).")
    RequestResource approve(@PathVariable long id, @RequestBody Decision decision) {
        readable(id);
        if (decision.checksum() == null || decision.checksum().isBlank()) {
            throw new InvalidValueException("checksum", "checksum must name the content you reviewed (the request's "
                    + "contentChecksum).");
        }
        return RequestResource.of(requests.approve(id, decision.checksum().replace("\"", "").trim(),
                decision.comment()));
    }

    @PostMapping(BASE + "/{id}/revise")
    @Operation(summary = "Revise the proposed content", description = "The author only. Every approval is void "
            + "afterwards (they named the old content's checksum).")
    RequestResource revise(@PathVariable long id, @RequestBody Revision revision) {
        var r = readable(id).request();
        if (revision.content() == null || !revision.content().isObject()) {
            throw new InvalidValueException("content", "content must be the whole area as a JSON object.");
        }
        return RequestResource.of(revise(areas.definition(r.area()), id, revision));
    }

    private <T> ChangeRequest revise(AreaDefinition<T> area, long id, Revision revision) {
        return requests.revise(id, revision.checksum() == null ? "" : revision.checksum().replace("\"", "").trim(),
                area, area.read(revision.content().toString()), revision.comment());
    }

    @PostMapping(BASE + "/{id}/reject")
    @Operation(summary = "Reject", description = "`comment` (why) is required.")
    RequestResource reject(@PathVariable long id, @RequestBody Decision decision) {
        readable(id);
        return RequestResource.of(requests.reject(id, decision.comment()));
    }

    @PostMapping(BASE + "/{id}/withdraw")
    @Operation(summary = "Withdraw", description = "The author only.")
    RequestResource withdraw(@PathVariable long id, @RequestBody(required = false) Decision decision) {
        readable(id);
        return RequestResource.of(requests.withdraw(id, decision == null ? null : decision.comment()));
    }

    @PostMapping(BASE + "/{id}/apply")
    @Operation(summary = "Apply an approved request now")
    RequestResource apply(@PathVariable long id) {
        readable(id);
        return RequestResource.of(requests.applyNow(id));
    }

    @PostMapping(BASE + "/{id}/break-glass")
    @Operation(summary = "Apply without approval", description = "Operators, with a `reason` of at least 10 "
            + "characters; flagged in the audit history until another operator reviews it.")
    RequestResource breakGlass(@PathVariable long id, @RequestBody Reason reason) {
        readable(id);
        return RequestResource.of(requests.breakGlass(id, reason == null ? null : reason.reason()));
    }

    private <T> Submission submit(AreaDefinition<T> area, TenantId tenant, long base, String json, String comment) {
        return areas.submit(area, tenant, base, area.read(json), comment);
    }

    /** The review, or 404 for a request that does not exist or whose tenant the caller may not read. */
    private io.concierge.changes.ChangeReview readable(long id) {
        try {
            return requests.review(id).orElseThrow(() -> new NotFoundException("No change request #" + id + "."));
        } catch (AccessDeniedException e) {
            throw new NotFoundException("No change request #" + id + ".");
        }
    }

    private TenantId tenant(String slug) {
        return tenants.lookup(slug).orElseThrow(() -> NotFoundException.tenant(slug)).id();
    }

    private static ConfigArea area(String key) {
        return Arrays.stream(ConfigArea.values()).filter(a -> a.key().equals(key)).findFirst()
                .orElseThrow(() -> new InvalidValueException("area", "area must be one of branding, rules, access."));
    }

    private static JsonNode json(String content) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored content is not JSON", e);
        }
    }
}
