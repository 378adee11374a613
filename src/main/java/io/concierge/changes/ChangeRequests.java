package io.concierge.changes;

import io.concierge.changes.ChangeRequestStep.Step;
import io.concierge.changes.internal.ChangeStore;
import io.concierge.changes.internal.Checksums;
import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.FieldChange;
import io.concierge.configuration.Submission;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.security.TenantAccess;
import io.concierge.shared.DisplayText;
import io.concierge.shared.ConflictException;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.NotFoundException;
import io.concierge.shared.TenantId;
import io.concierge.shared.ui.Times;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The life of a change request: proposed by {@link ChangeGate} when a gated area is saved, approved or rejected by
 * someone else, applied through {@link ConfigurationAreas#save} (so a version newer than the base makes it
 * conflicted, never overwritten), at once when the last approval lands or at its scheduled time. Every step locks
 * the request's row, so concurrent approvals, revisions and applies are serialised; every step is on the request's
 * timeline and, through {@link ChangeRequestStep}, in the audit history.
 */
@Service
@Transactional(readOnly = true)
public class ChangeRequests {

    public static final int MIN_BREAK_GLASS_REASON = 10;
    public static final int MAX_REASON = 500;
    private static final EnumSet<ChangeState> PENDING =
            EnumSet.of(ChangeState.OPEN, ChangeState.APPROVED, ChangeState.SCHEDULED, ChangeState.CONFLICTED);

    private final ChangeStore store;
    private final ConfigurationAreas areas;
    private final ApprovalPolicies policies;
    private final TenantAccess access;
    private final TenantService tenants;
    private final ConsoleUserService users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChangeRequests(ChangeStore store, ConfigurationAreas areas, ApprovalPolicies policies, TenantAccess access,
                   TenantService tenants, ConsoleUserService users, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.areas = areas;
        this.policies = policies;
        this.access = access;
        this.tenants = tenants;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    // ---- reading

    /** The request, if it exists and the user may read its tenant (refused and recorded otherwise). */
    public Optional<ChangeRequest> find(long id) {
        var request = store.find(id);
        request.ifPresent(r -> access.requireRead(r.tenant(), "read change request #" + id));
        return request;
    }

    /** The review of a request: diff and effect against its base, what changed since, approvals, timeline. */
    public Optional<ChangeReview> review(long id) {
        return find(id).map(r -> {
            List<FieldChange> changes;
            var effect = io.concierge.configuration.ChangeEffect.NONE;
            List<FieldChange> since = List.of();
            if (r.kind() == ChangeKind.POLICY) {
                changes = List.of(new FieldChange("Approvals " + r.area().label().toLowerCase() + " needs",
                        String.valueOf(r.baseVersion()), String.valueOf(policyTarget(r))));
            } else {
                var base = content(r.tenant(), r.area(), r.baseVersion());
                changes = areas.changes(r.area(), base, r.content());
                effect = areas.effect(r.area(), base, r.content());
                var current = areas.currentVersion(r.tenant(), r.area()).map(ConfigVersion::version).orElse(0L);
                if (current != r.baseVersion() && r.state().pending()) {
                    since = areas.changes(r.tenant(), r.area(), r.baseVersion(), current);
                }
            }
            return new ChangeReview(r, changes, effect, since, store.approvals(r), store.timeline(id), approvalRefusal(r));
        });
    }

    /** Open requests the signed-in user could approve and has not. */
    public List<ChangeRequest> waitingForMyReview() {
        var user = access.current().orElse(null);
        if (user == null || user.is(Role.AUDITOR)) {
            return List.of();
        }
        if (user.is(Role.PARTNER_ADMIN)) {
            return store.awaitingReview(user.username(), user.tenant(), true);
        }
        return store.awaitingReview(user.username(), null, false);
    }

    /** The signed-in user's own requests that are not finished. */
    public List<ChangeRequest> myOpenRequests() {
        return access.current().map(u -> store.byAuthor(u.username(), PENDING)).orElse(List.of());
    }

    /** The tenant's requests that are not finished, newest first. */
    public List<ChangeRequest> pendingFor(TenantId tenant) {
        access.requireRead(tenant, "read the tenant's change requests");
        return store.byTenant(tenant, PENDING, 200);
    }

    /** The tenant's recent requests of any state, newest first. */
    public List<ChangeRequest> recentFor(TenantId tenant, int limit) {
        access.requireRead(tenant, "read the tenant's change requests");
        return store.byTenant(tenant, EnumSet.allOf(ChangeState.class), limit);
    }

    /** Applies made with break glass that no second operator has reviewed yet (operators' home page). */
    public List<ChangeRequest> breakGlassAwaitingReview() {
        access.requireReadAll("read break-glass applies");
        return store.breakGlassUnreviewed();
    }

    /** Requests not finished, across all tenants. */
    public long countPending() {
        access.requireReadAll("count change requests");
        return store.countPending();
    }

    /** Why the signed-in user may not approve (or reject) the request now, or empty when they may. */
    public Optional<String> approvalRefusal(ChangeRequest r) {
        return refuseApproval(r).map(RuntimeException::getMessage);
    }

    /** Why the signed-in user may not approve: who they are (403 from the API) or the request's state (409). */
    private Optional<RuntimeException> refuseApproval(ChangeRequest r) {
        var user = access.current().orElse(null);
        if (user == null) {
            return Optional.of(new AccessDeniedException("Sign in to review change requests."));
        }
        if (r.state() != ChangeState.OPEN) {
            return Optional.of(new ConflictException("Change request #" + r.id() + " is "
                    + r.state().label().toLowerCase() + "; there is nothing to approve."));
        }
        if (user.is(Role.AUDITOR)) {
            return Optional.of(new AccessDeniedException(
                    "Auditors read change requests; they never approve or reject them."));
        }
        if (user.username().equals(r.author())) {
            return Optional.of(new AccessDeniedException("You proposed this change; someone else must approve it."));
        }
        if (!access.canEdit(r.tenant())) {
            return Optional.of(new AccessDeniedException("Only a partner admin of " + r.slug()
                    + " or an operator may approve this change."));
        }
        if (r.kind() == ChangeKind.POLICY && !user.is(Role.OPERATOR)) {
            return Optional.of(new AccessDeniedException("Only an operator may approve a change of approval policy."));
        }
        if (user != CurrentUser.SYSTEM && !users.isActive(user.username())) {
            return Optional.of(new AccessDeniedException("Your account " + user.username()
                    + " is not an active console user; a deactivated user approves nothing."));
        }
        if (!r.intact()) {
            return Optional.of(new ConflictException(tampered(r)));
        }
        if (store.approvals(r).stream().anyMatch(a -> a.valid() && a.approver().equals(user.username()))) {
            return Optional.of(new AccessDeniedException(
                    "You already approved this content; it needs another person's approval."));
        }
        var tenant = tenant(r.tenant());
        if (tenant.status() == TenantStatus.OFFBOARDED) {
            return Optional.of(new ConflictException("Tenant '" + r.slug()
                    + "' is offboarded; its configuration can no longer change."));
        }
        if (r.kind() == ChangeKind.CONTENT) {
            var editability = areas.editability(r.tenant(), r.area());
            if (!editability.editable()) {
                return Optional.of(new ConflictException(editability.message()));
            }
        }
        return Optional.empty();
    }

    // ---- proposing

    /** Opens a request for a gated save (called by the gate inside the saving transaction). */
    @Transactional
    Submission.Proposed propose(ConfigArea area, TenantId tenant, long expectedVersion, String json, String comment,
                                int required) {
        var why = checkComment(comment);
        var current = areas.currentVersion(tenant, area);
        var currentNumber = current.map(ConfigVersion::version).orElse(0L);
        if (currentNumber != expectedVersion) {
            throw current.map(ConfigurationConflictException::new).orElseGet(() -> new ConfigurationConflictException(area));
        }
        var content = ConfigurationStore.canonical(json);
        var base = current.map(v -> ConfigurationStore.canonical(v.content())).orElse(null);
        if (content.equals(base)) {
            throw new InvalidValueException("Nothing to save: the content is the same as version " + currentNumber + ".");
        }
        var summary = tenant(tenant);
        var user = access.current().orElseThrow();
        var now = clock.instant();
        var id = store.insert(tenant, summary.slug(), area, ChangeKind.CONTENT, expectedVersion,
                Checksums.sha256(base), content, required, user.username(), user.role().name(), why, now);
        store.event(id, user.username(), "Proposed", why, now);
        events.publishEvent(new ChangeRequestStep(id, tenant, summary.slug(), area, Step.PROPOSED, user.username(),
                "Change request #" + id + " (based on version " + expectedVersion + "): " + why));
        return new Submission.Proposed(id, "Change request #" + id + " is waiting for "
                + ApprovalPolicies.approvals(required) + ". Nothing changes for the platform until it is approved.");
    }

    // ---- reviewing

    /**
     * Approves the content the approver saw ({@code checksum}, from the review). When it is the last approval the
     * policy asks for, the request is applied at once, or scheduled when it has a time in the future.
     */
    @Transactional
    public ChangeRequest approve(long id, String checksum, String comment) {
        var r = locked(id);
        var refusal = refuseApproval(r);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        if (!r.contentChecksum().equals(checksum)) {
            throw new ConflictException("The proposed content of change request #" + id + " changed after you "
                    + "opened it; review the new content before approving.");
        }
        var note = optionalComment(comment);
        var user = access.current().orElseThrow();
        var now = clock.instant();
        store.approve(id, user.username(), user.role().name(), checksum, r.baseVersion(), note, now);
        step(r, Step.APPROVED, "Approved", "Approved content " + checksum.substring(0, 12) + "…"
                + (note == null ? "" : ": " + note));
        var after = store.find(id).orElseThrow();
        if (after.approvals() >= after.requiredApprovals()) {
            if (after.applyAt() != null && after.applyAt().isAfter(now)) {
                store.state(id, ChangeState.SCHEDULED, null, now);
                step(after, Step.SCHEDULED, "Scheduled", "Fully approved; applies at " + Times.format(after.applyAt()));
            } else {
                apply(after, null);
            }
        }
        return store.find(id).orElseThrow();
    }

    /** Rejects the request with a reason; it never applies. */
    @Transactional
    public ChangeRequest reject(long id, String comment) {
        var r = locked(id);
        requireReviewer(r);
        var why = checkComment(comment);
        store.state(id, ChangeState.REJECTED, why, clock.instant());
        step(r, Step.REJECTED, "Rejected", why);
        return store.find(id).orElseThrow();
    }

    /** The author takes the request back. */
    @Transactional
    public ChangeRequest withdraw(long id, String comment) {
        var r = locked(id);
        requirePending(r, "withdrawn");
        if (!access.actorName().equals(r.author())) {
            throw new AccessDeniedException("Only " + r.author() + ", who proposed change request #" + id
                    + ", may withdraw it.");
        }
        var why = optionalComment(comment);
        store.state(id, ChangeState.WITHDRAWN, why, clock.instant());
        step(r, Step.WITHDRAWN, "Withdrawn", why);
        return store.find(id).orElseThrow();
    }

    /**
     * The author replaces the proposed content (validated like any save). Every approval named the old content's
     * checksum, so they are all void: the request is open again and needs its approvals anew. {@code checksum} is
     * the content the author edited, so a revision never silently replaces one made at the same moment.
     */
    @Transactional
    public <T> ChangeRequest revise(long id, String checksum, AreaDefinition<T> area, T content, String comment) {
        var r = locked(id);
        requirePending(r, "revised");
        if (r.kind() != ChangeKind.CONTENT || r.area() != area.area()) {
            throw new InvalidValueException("Change request #" + id + " is not a change of " + area.area().label() + ".");
        }
        if (!access.actorName().equals(r.author())) {
            throw new AccessDeniedException("Only " + r.author() + ", who proposed change request #" + id
                    + ", may revise it; propose your own change instead.");
        }
        if (!r.contentChecksum().equals(checksum)) {
            throw new ConflictException("Change request #" + id + " was revised since you opened it; reload it.");
        }
        var json = ConfigurationStore.canonical(area.write(area.validate(content)));
        if (json.equals(r.content())) {
            throw new InvalidValueException("Nothing to revise: the content is the same as proposed.");
        }
        var why = checkComment(comment);
        var voided = store.approvals(r).stream().filter(Approval::valid).count();
        store.revise(id, json, why, clock.instant());
        step(r, Step.REVISED, "Revised", why + (voided == 0 ? "" : " (" + voided + " approval"
                + (voided == 1 ? "" : "s") + " void: they named the old content)"));
        return store.find(id).orElseThrow();
    }

    /** Sets (or clears, with null) the time a fully approved request applies at. */
    @Transactional
    public ChangeRequest schedule(long id, Instant at) {
        var r = locked(id);
        if (r.state() != ChangeState.OPEN && r.state() != ChangeState.APPROVED && r.state() != ChangeState.SCHEDULED) {
            throw new ConflictException("applyAt", "Change request #" + id + " is " + r.state().label().toLowerCase()
                    + "; it can no longer be scheduled.");
        }
        if (!access.actorName().equals(r.author()) && !access.isOperator()) {
            throw new AccessDeniedException("Only " + r.author() + " or an operator may schedule change request #"
                    + id + ".");
        }
        var now = clock.instant();
        if (at != null && !at.isAfter(now)) {
            throw new InvalidValueException("applyAt", "The time to apply must be in the future.");
        }
        store.applyAt(id, at, now);
        if (r.state() != ChangeState.OPEN) {
            store.state(id, at == null ? ChangeState.APPROVED : ChangeState.SCHEDULED, null, now);
        }
        step(r, Step.SCHEDULED, "Scheduled", at == null ? "Schedule cleared" : "To apply at " + Times.format(at)
                + (r.state() == ChangeState.OPEN ? " once approved" : ""));
        return store.find(id).orElseThrow();
    }

    /** Applies a fully approved request now (one whose schedule did not run, or was cleared). */
    @Transactional
    public ChangeRequest applyNow(long id) {
        var r = locked(id);
        if (r.state() != ChangeState.APPROVED && r.state() != ChangeState.SCHEDULED) {
            throw new ConflictException("Change request #" + id + " is " + r.state().label().toLowerCase()
                    + "; only an approved request is applied.");
        }
        requireEditor(r);
        apply(r, null);
        return store.find(id).orElseThrow();
    }

    /**
     * An operator applies without approval in an emergency, with a typed reason. The apply is flagged on the
     * request and in the audit history and waits on the operators' home page until another operator reviews it.
     */
    @Transactional
    public ChangeRequest breakGlass(long id, String reason) {
        access.requireOperator("apply a change request without approval");
        var r = locked(id);
        if (r.state() != ChangeState.OPEN && r.state() != ChangeState.APPROVED && r.state() != ChangeState.SCHEDULED) {
            throw new ConflictException("Change request #" + id + " is " + r.state().label().toLowerCase()
                    + "; there is nothing to apply.");
        }
        var why = reason == null ? "" : reason.trim();
        if (why.length() < MIN_BREAK_GLASS_REASON) {
            throw new InvalidValueException("reason", "Type the reason for applying without approval (at least "
                    + MIN_BREAK_GLASS_REASON + " characters); it is recorded and reviewed.");
        }
        if (why.length() > MAX_REASON) {
            throw new InvalidValueException("reason", "The reason must be at most " + MAX_REASON + " characters.");
        }
        DisplayText.checkMultiline("reason", "Reason", why);
        apply(r, why);
        return store.find(id).orElseThrow();
    }

    /** A second operator confirms they looked at a break-glass apply; it leaves the operators' home page. */
    @Transactional
    public ChangeRequest reviewBreakGlass(long id, String comment) {
        access.requireOperator("review a break-glass apply");
        var r = locked(id);
        if (!r.breakGlass() || r.breakGlassReviewedBy() != null) {
            throw new ConflictException("Change request #" + id + " has no break-glass apply waiting for review.");
        }
        if (access.actorName().equals(r.appliedBy())) {
            throw new AccessDeniedException("You applied change request #" + id + " with break glass; another operator "
                    + "must review it.");
        }
        var note = optionalComment(comment);
        store.breakGlassReviewed(id, access.actorName(), clock.instant());
        step(r, Step.BREAK_GLASS_REVIEWED, "Break glass reviewed", note);
        return store.find(id).orElseThrow();
    }

    /**
     * Bases a conflicted request on the area's current version, keeping its proposed content: the review then shows
     * what the request changes against the current version (including what it would take back of the changes made
     * since), and every approval is void (they named the old base).
     */
    @Transactional
    public ChangeRequest rebase(long id) {
        var r = locked(id);
        if (r.state() != ChangeState.CONFLICTED) {
            throw new ConflictException("Change request #" + id + " is " + r.state().label().toLowerCase()
                    + "; only a conflicted request is re-based.");
        }
        if (!access.actorName().equals(r.author()) && !access.isOperator()) {
            throw new AccessDeniedException("Only " + r.author() + " or an operator may re-base change request #" + id + ".");
        }
        if (r.kind() == ChangeKind.POLICY) {
            var now = policies.required(r.tenant(), r.area());
            store.rebase(id, now, null, clock.instant());
            step(r, Step.REBASED, "Re-based", "Onto the current policy (" + ApprovalPolicies.approvals(now) + ")");
            return store.find(id).orElseThrow();
        }
        var current = areas.currentVersion(r.tenant(), r.area());
        var number = current.map(ConfigVersion::version).orElse(0L);
        var base = current.map(v -> ConfigurationStore.canonical(v.content())).orElse(null);
        if (r.content().equals(base)) {
            throw new ConflictException("The current version " + number + " already has the proposed content; "
                    + "withdraw the request.");
        }
        store.rebase(id, number, Checksums.sha256(base), clock.instant());
        step(r, Step.REBASED, "Re-based", "Onto version " + number + "; approvals must be given again");
        return store.find(id).orElseThrow();
    }

    // ---- applying

    /**
     * Applies the next scheduled request that is due, in this transaction; false when none is. A row another console
     * instance holds is skipped (that instance applies it), and once applied the request is no longer due, so a
     * request fires once across instances on one database.
     */
    @Transactional
    public boolean applyNextDue() {
        return store.lockDue(clock.instant()).map(id -> {
            var r = store.find(id).orElseThrow();
            var tenant = tenant(r.tenant());
            if (tenant.status() != TenantStatus.ACTIVE) {
                notApplied(r, tenant);
            } else if (!r.intact() || r.approvals() < r.requiredApprovals()) {
                var why = !r.intact() ? tampered(r) : "Scheduled apply did not run: it has " + r.approvals() + " of "
                        + r.requiredApprovals() + " valid approvals.";
                store.state(r.id(), ChangeState.OPEN, why, clock.instant());
                step(r, Step.NOT_APPLIED, "Not applied", why);
            } else {
                apply(r, null);
            }
            return true;
        }).orElse(false);
    }

    private void notApplied(ChangeRequest r, TenantSummary tenant) {
        var why = "Scheduled apply at " + Times.format(r.applyAt()) + " did not run: tenant '" + r.slug() + "' is "
                + tenant.status().name().toLowerCase()
                + (tenant.statusReason() == null ? "" : " (" + tenant.statusReason() + ")");
        if (tenant.status() == TenantStatus.OFFBOARDED) {
            store.state(r.id(), ChangeState.WITHDRAWN, why + "; it can never apply.", clock.instant());
        } else {
            store.state(r.id(), ChangeState.APPROVED, why + "; apply it or schedule it again once the tenant is resumed.",
                    clock.instant());
        }
        step(r, Step.NOT_APPLIED, "Not applied", why);
    }

    /**
     * The apply: the stored content must still match the checksum the approvals named (unless break glass), the
     * area must still be at the base version with the base content; then the area's own save writes the version.
     */
    private void apply(ChangeRequest r, String breakGlassReason) {
        if (!r.intact()) {
            throw new ConflictException(tampered(r));
        }
        if (breakGlassReason == null && r.approvals() < r.requiredApprovals()) {
            throw new ConflictException("Change request #" + r.id() + " has " + r.approvals() + " of "
                    + r.requiredApprovals() + " approvals; it cannot be applied yet.");
        }
        var tenant = tenant(r.tenant());
        if (tenant.status() == TenantStatus.OFFBOARDED) {
            throw new ConflictException("Tenant '" + r.slug() + "' is offboarded; its configuration can no longer change.");
        }
        var actor = access.actorName();
        var now = clock.instant();
        Long version = null;
        if (r.kind() == ChangeKind.POLICY) {
            var current = policies.required(r.tenant(), r.area());
            if (current != r.baseVersion()) {
                conflicted(r, "The policy was changed to " + ApprovalPolicies.approvals(current) + " since this request "
                        + "was proposed; re-base it onto the current policy.");
                return;
            }
            policies.apply(r.tenant(), r.slug(), r.area(), current, policyTarget(r), r.comment(), r.id());
        } else {
            var current = areas.currentVersion(r.tenant(), r.area());
            var number = current.map(ConfigVersion::version).orElse(0L);
            if (number != r.baseVersion()) {
                var v = current.orElseThrow();
                conflicted(r, "Version " + number + " was saved by " + v.author() + " at " + Times.format(v.createdAt())
                        + " after version " + r.baseVersion() + ", which this request is based on. Nothing was "
                        + "overwritten; re-base it onto the current version.");
                return;
            }
            var baseChecksum = Checksums.sha256(current.map(v -> ConfigurationStore.canonical(v.content())).orElse(null));
            var expected = store.baseChecksum(r.id());
            if (expected != null && !expected.equals(baseChecksum)) {
                conflicted(r, "Version " + number + " no longer has the content this request was reviewed against "
                        + "(its checksum differs); re-base it.");
                return;
            }
            version = save(areas.definition(r.area()), r).version();
        }
        store.applied(r.id(), version, actor, breakGlassReason, now);
        if (breakGlassReason != null) {
            step(r, Step.BREAK_GLASS, "Applied with break glass", breakGlassReason
                    + (version == null ? "" : " (version " + version + ")"));
        } else {
            step(r, Step.APPLIED, "Applied", version == null ? "Policy changed" : "As version " + version);
        }
    }

    private <T> ConfigVersion save(AreaDefinition<T> area, ChangeRequest r) {
        var comment = "Change request #" + r.id() + " by " + r.author() + ": " + r.comment();
        if (comment.length() > ConfigurationStore.MAX_COMMENT) {
            comment = comment.substring(0, ConfigurationStore.MAX_COMMENT - 1) + "…";
        }
        return areas.save(area, r.tenant(), r.baseVersion(), area.read(r.content()), comment);
    }

    private void conflicted(ChangeRequest r, String why) {
        store.state(r.id(), ChangeState.CONFLICTED, why, clock.instant());
        step(r, Step.CONFLICTED, "Conflicted", why);
    }

    // ---- helpers

    private ChangeRequest locked(long id) {
        var r = store.lock(id).orElseThrow(() -> new NotFoundException("No change request #" + id + "."));
        access.requireRead(r.tenant(), "read change request #" + id);
        return r;
    }

    private void requirePending(ChangeRequest r, String what) {
        if (!r.state().pending()) {
            throw new ConflictException("Change request #" + r.id() + " is " + r.state().label().toLowerCase()
                    + "; it can no longer be " + what + ".");
        }
    }

    private void requireReviewer(ChangeRequest r) {
        requirePending(r, "rejected");
        var user = access.current().orElseThrow();
        if (user.is(Role.AUDITOR)) {
            throw new AccessDeniedException("Auditors read change requests; they never approve or reject them.");
        }
        if (user.username().equals(r.author())) {
            throw new AccessDeniedException("You proposed this change; withdraw it instead of rejecting it.");
        }
        if (!access.canEdit(r.tenant()) || (r.kind() == ChangeKind.POLICY && !user.is(Role.OPERATOR))) {
            throw new AccessDeniedException("Only " + (r.kind() == ChangeKind.POLICY ? "an operator"
                    : "a partner admin of " + r.slug() + " or an operator") + " may reject this change.");
        }
    }

    private void requireEditor(ChangeRequest r) {
        if (!access.canEdit(r.tenant()) || (r.kind() == ChangeKind.POLICY && !access.isOperator())) {
            throw new AccessDeniedException("Only " + (r.kind() == ChangeKind.POLICY ? "an operator"
                    : "a partner admin of " + r.slug() + " or an operator") + " may apply this change.");
        }
    }

    private void step(ChangeRequest r, Step step, String label, String detail) {
        var actor = access.actorName();
        store.event(r.id(), actor, label, detail, clock.instant());
        events.publishEvent(new ChangeRequestStep(r.id(), r.tenant(), r.slug(), r.area(), step, actor,
                "Change request #" + r.id() + (detail == null ? "" : ": " + detail)));
    }

    private String content(TenantId tenant, ConfigArea area, long version) {
        if (version == 0) {
            return null;
        }
        return areas.history(tenant, area).stream().filter(v -> v.version() == version).findFirst()
                .map(ConfigVersion::content).orElse(null);
    }

    private static int policyTarget(ChangeRequest r) {
        var digits = r.content().replaceAll("[^0-9]", "");
        return Integer.parseInt(digits);
    }

    private static String tampered(ChangeRequest r) {
        return "The stored content of change request #" + r.id() + " does not match the checksum it was proposed and "
                + "approved with: it was changed outside the console. It can be neither approved nor applied; "
                + "withdraw it and propose the change again.";
    }

    private TenantSummary tenant(TenantId id) {
        return tenants.find(id).orElseThrow(() -> new InvalidValueException("No tenant with id " + id + "."));
    }

    /** Required, at most the store's comment length, printable: what a version's comment must be. */
    static String checkComment(String comment) {
        return ConfigurationStore.checkComment(comment);
    }

    private static String optionalComment(String comment) {
        return comment == null || comment.isBlank() ? null : checkComment(comment);
    }
}
