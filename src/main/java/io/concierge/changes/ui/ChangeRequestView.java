package io.concierge.changes.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import io.concierge.changes.ChangeKind;
import io.concierge.changes.ChangeRequest;
import io.concierge.changes.ChangeRequests;
import io.concierge.changes.ChangeReview;
import io.concierge.changes.ChangeState;
import io.concierge.configuration.ui.DiffList;
import io.concierge.security.TenantAccess;
import io.concierge.shared.ConflictException;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.Notifications;
import io.concierge.shared.ui.Times;
import jakarta.annotation.security.PermitAll;

import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * One change request: what it changes (the area's own diff), what that does (scopes gained and lost, sensitive
 * scopes, limits loosened and tightened), what changed in the area since its base, its approvals and timeline,
 * and the actions the signed-in user may take now. When they may not approve, the page says why.
 */
@Route("changes/:id")
@PermitAll
class ChangeRequestView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ChangeRequests requests;
    private final TenantAccess access;
    private final Paragraph error = new Paragraph();
    private ChangeReview review;

    ChangeRequestView(ChangeRequests requests, TenantAccess access) {
        this.requests = requests;
        this.access = access;
        error.addClassName("concierge-action-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var text = event.getRouteParameters().get("id").orElse("");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            event.rerouteToError(NotFoundException.class, "No change request '" + text + "'.");
            return;
        }
        try {
            var found = requests.review(id);
            if (found.isEmpty()) {
                event.rerouteToError(NotFoundException.class, "No change request #" + id + ".");
                return;
            }
            review = found.get();
        } catch (org.springframework.security.access.AccessDeniedException e) {
            event.rerouteToError(AccessDeniedException.class, e.getMessage());
            return;
        }
        render();
    }

    @Override
    public String getPageTitle() {
        return (review == null ? "Change request" : "Change request #" + review.request().id()) + " · Concierge";
    }

    private void reload() {
        requests.review(review.request().id()).ifPresent(r -> review = r);
        render();
    }

    private void render() {
        removeAll();
        error.setText("");
        var r = review.request();
        add(new H2("Change request " + r.title()));
        var state = new Span(r.state().label());
        state.getElement().getThemeList().add("badge" + (r.state() == ChangeState.APPLIED ? " success"
                : r.state() == ChangeState.CONFLICTED || r.state() == ChangeState.REJECTED ? " error" : ""));
        state.addClassName("concierge-change-state");
        var header = new HorizontalLayout(state, new Span("Proposed by " + r.author() + " at "
                + Times.format(r.createdAt()) + " · based on " + (r.kind() == ChangeKind.POLICY ? "a policy of "
                + r.baseVersion() : "version " + r.baseVersion()) + " · " + r.approvals() + " of "
                + r.requiredApprovals() + " approval" + (r.requiredApprovals() == 1 ? "" : "s")
                + (r.applyAt() != null ? " · applies at " + Times.format(r.applyAt()) : "")));
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(header, new Anchor("tenants/" + r.slug().value(), "Tenant " + r.slug().value()));
        if (r.stateNote() != null) {
            add(banner(r.stateNote(), "concierge-change-note"));
        }
        if (r.breakGlass()) {
            add(banner("Applied without approval by " + r.appliedBy() + " (break glass): " + r.breakGlassReason()
                    + (r.breakGlassReviewedBy() == null ? " · not reviewed yet" : " · reviewed by "
                    + r.breakGlassReviewedBy()), "concierge-break-glass"));
        }
        if (!r.intact()) {
            add(banner("The stored content no longer matches its checksum: it was changed outside the console. "
                    + "Nothing can approve or apply it.", "concierge-change-note"));
        }
        add(new Paragraph("Why: " + r.comment()));

        add(new H3("What changes"));
        var diff = new DiffList();
        diff.show(review.changes());
        add(diff);
        if (!review.effect().isEmpty()) {
            add(new H3("Effect"));
            add(effect(r.area() == io.concierge.configuration.ConfigArea.ACCESS ? "Gains" : "Loosens",
                    review.effect().loosened(), "concierge-effect-loosened"));
            add(effect(r.area() == io.concierge.configuration.ConfigArea.ACCESS ? "Losses" : "Tightens",
                    review.effect().tightened(), "concierge-effect-tightened"));
            add(effect("Sensitive", review.effect().sensitive(), "concierge-effect-sensitive"));
        }
        if (!review.changedSince().isEmpty()) {
            add(new H3("Changed in the area since version " + r.baseVersion()));
            var since = new DiffList();
            since.addClassName("concierge-changed-since");
            since.show(review.changedSince());
            add(since);
        }
        add(new H3("Approvals"));
        var approvals = new UnorderedList();
        approvals.addClassName("concierge-approvals");
        review.approvals().forEach(a -> approvals.add(new ListItem(a.approver() + " at " + Times.format(a.approvedAt())
                + (a.comment() == null ? "" : ": " + a.comment()) + (a.valid() ? "" : " (void: the content or base changed)"))));
        if (review.approvals().isEmpty()) {
            approvals.add(new ListItem("None yet."));
        }
        add(approvals);
        add(actions(r), error);
        add(new H3("Timeline"));
        var timeline = new UnorderedList();
        timeline.addClassName("concierge-timeline");
        review.timeline().forEach(t -> timeline.add(new ListItem(Times.format(t.at()) + " · " + t.actor() + " · "
                + t.kind() + (t.detail() == null ? "" : ": " + t.detail()))));
        add(timeline);
    }

    private Component actions(ChangeRequest r) {
        var panel = new VerticalLayout();
        panel.setPadding(false);
        panel.addClassName("concierge-change-actions");
        var me = access.actorName();
        var operator = access.isOperator();
        var refusal = review.approvalRefusal();
        if (r.state() == ChangeState.OPEN) {
            if (refusal.isEmpty()) {
                var comment = new TextArea("Comment (required to reject)");
                comment.setWidthFull();
                comment.setMaxLength(200);
                var approve = new Button("Approve", e -> act(() -> requests.approve(r.id(), r.contentChecksum(),
                        comment.getValue()), "Approved change request #" + r.id() + "."));
                approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
                var reject = new Button("Reject", e -> act(() -> requests.reject(r.id(), comment.getValue()),
                        "Rejected change request #" + r.id() + "."));
                reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
                panel.add(comment, new HorizontalLayout(approve, reject));
            } else {
                var why = new Paragraph(refusal.get());
                why.addClassName("concierge-approval-refusal");
                panel.add(why);
            }
        }
        var row = new HorizontalLayout();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        var pending = r.state().pending();
        if (pending && me.equals(r.author())) {
            row.add(new Button("Withdraw", e -> act(() -> requests.withdraw(r.id(), null),
                    "Withdrew change request #" + r.id() + ".")));
        }
        var schedulable = r.state() == ChangeState.OPEN || r.state() == ChangeState.APPROVED
                || r.state() == ChangeState.SCHEDULED;
        if (schedulable && (me.equals(r.author()) || operator)) {
            var at = Times.dateTimePicker("Apply at (UTC)");
            if (r.applyAt() != null) {
                at.setValue(r.applyAt().atOffset(ZoneOffset.UTC).toLocalDateTime());
            }
            row.add(at, new Button("Schedule", e -> schedule(r, at)));
        }
        if ((r.state() == ChangeState.APPROVED || r.state() == ChangeState.SCHEDULED) && access.canEdit(r.tenant())) {
            row.add(new Button("Apply now", e -> act(() -> requests.applyNow(r.id()), "Applied change request #"
                    + r.id() + ".")));
        }
        if (r.state() == ChangeState.CONFLICTED && (me.equals(r.author()) || operator)) {
            row.add(new Button("Re-base onto the current version", e -> act(() -> requests.rebase(r.id()),
                    "Change request #" + r.id() + " is based on the current version; it needs approving again.")));
        }
        if (schedulable && operator) {
            var breakGlass = new Button("Apply without approval (break glass)…", e -> breakGlass(r));
            breakGlass.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            row.add(breakGlass);
        }
        if (r.breakGlass() && r.breakGlassReviewedBy() == null && operator && !me.equals(r.appliedBy())) {
            row.add(new Button("Mark break glass reviewed", e -> act(() -> requests.reviewBreakGlass(r.id(), null),
                    "Break-glass apply of #" + r.id() + " reviewed.")));
        }
        if (row.getComponentCount() > 0) {
            panel.add(row);
        }
        return panel;
    }

    private void schedule(ChangeRequest r, DateTimePicker at) {
        var value = at.getValue();
        act(() -> requests.schedule(r.id(), value == null ? null : value.toInstant(ZoneOffset.UTC)),
                value == null ? "Schedule cleared." : "Change request #" + r.id() + " applies at "
                        + Times.format(value.toInstant(ZoneOffset.UTC)) + " once approved.");
    }

    private void breakGlass(ChangeRequest r) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Apply change request #" + r.id() + " without approval?");
        dialog.add(new Paragraph("The change goes live at once. The apply is flagged in the audit history and on the "
                + "operators' home page until another operator reviews it."));
        var reason = new TextArea("Reason (required, recorded)");
        reason.setWidthFull();
        reason.setMaxLength(ChangeRequests.MAX_REASON);
        var problem = new Paragraph();
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        dialog.add(reason, problem);
        var confirm = new Button("Apply without approval", e -> {
            try {
                requests.breakGlass(r.id(), reason.getValue());
                dialog.close();
                Notifications.success("Change request #" + r.id() + " applied with break glass.");
                reload();
            } catch (InvalidValueException invalid) {
                if ("reason".equals(invalid.field())) {
                    reason.setErrorMessage(invalid.getMessage());
                    reason.setInvalid(true);
                } else {
                    problem.setText(invalid.getMessage());
                }
            } catch (ConflictException | org.springframework.security.access.AccessDeniedException refused) {
                problem.setText(refused.getMessage());
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    private void act(Supplier<ChangeRequest> action, String done) {
        try {
            var after = action.get();
            Notifications.success(after.state() == ChangeState.APPLIED && !done.startsWith("Applied")
                    ? done + " It is applied as " + (after.appliedVersion() == null ? "the new policy"
                    : "version " + after.appliedVersion()) + "." : after.state() == ChangeState.CONFLICTED
                    ? "Change request #" + after.id() + " is conflicted: " + after.stateNote() : done);
            reload();
        } catch (InvalidValueException | ConflictException
                 | org.springframework.security.access.AccessDeniedException refused) {
            // the request's state (conflict) or who the user is (refusal), in the page's words
            reload();
            error.setText(refused.getMessage());
        }
    }

    private static Div banner(String text, String className) {
        var banner = new Div(new Span(text));
        banner.addClassName(className);
        banner.getElement().setAttribute("role", "status");
        banner.getStyle().set("background", "var(--lumo-contrast-5pct)").set("border-left",
                "4px solid var(--lumo-error-color)").set("padding", "var(--lumo-space-s) var(--lumo-space-m)");
        return banner;
    }

    private static Component effect(String title, List<String> lines, String className) {
        var block = new Div();
        block.addClassName(className);
        if (lines.isEmpty()) {
            return block;
        }
        block.add(new Paragraph(title + ":"));
        var list = new UnorderedList();
        lines.forEach(l -> list.add(new ListItem(l)));
        block.add(list);
        return block;
    }
}
