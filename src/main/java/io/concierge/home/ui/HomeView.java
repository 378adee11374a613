package io.concierge.home.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.concierge.audit.AuditEntry;
import io.concierge.audit.AuditFilter;
import io.concierge.audit.AuditLog;
import io.concierge.changes.ChangeRequests;
import io.concierge.onboarding.ItemState;
import io.concierge.onboarding.OnboardingService;
import io.concierge.provisioning.FleetUpgrades;
import io.concierge.publishing.PublishingService;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.security.TenantAccess;
import io.concierge.shared.ui.Times;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.annotation.Value;

import java.time.Duration;
import java.util.List;

/**
 * The first page after sign-in, one per persona. Operators: tenants by status, what needs attention, recent
 * activity and the go-live funnel. Partner admins: their tenant's checklist and recent changes. Auditors:
 * recent changes and the audit history's integrity. Every number links to the filtered list behind it; every
 * figure comes from a counting query, so the page costs the same with 10,000 tenants.
 */
@Route("")
@PageTitle("Home · Concierge")
@Menu(title = "Home", order = 0)
@PermitAll
class HomeView extends VerticalLayout {

    static final int RECENT = 8;

    private final TenantService tenants;
    private final FleetUpgrades fleet;
    private final PublishingService publishing;
    private final OnboardingService onboarding;
    private final AuditLog audit;
    private final ChangeRequests changes;
    private final Duration backlogThreshold;

    HomeView(TenantAccess access, TenantService tenants, FleetUpgrades fleet, PublishingService publishing,
             OnboardingService onboarding, AuditLog audit, ChangeRequests changes,
             @Value("${concierge.ops.backlog-threshold:PT2M}") Duration backlogThreshold) {
        this.tenants = tenants;
        this.fleet = fleet;
        this.publishing = publishing;
        this.onboarding = onboarding;
        this.audit = audit;
        this.changes = changes;
        this.backlogThreshold = backlogThreshold;
        addClassName("home");
        var user = access.current().orElseThrow();
        add(new H2(greeting(user)));
        var cards = new Div();
        cards.addClassName("home-cards");
        switch (user.role()) {
            case OPERATOR -> cards.add(tenantsByStatus(), attention(), changeRequests(true), funnel(),
                    recent("Recent activity", AuditFilter.ALL, "audit"));
            case PARTNER_ADMIN -> cards.add(checklist(user), changeRequests(false),
                    recent("Recent changes", tenantFilter(user), "audit?tenant=" + user.tenantSlug().value()));
            case AUDITOR -> cards.add(recent("Recent changes", AuditFilter.ALL, "audit"), integrity());
        }
        add(cards);
    }

    private static String greeting(CurrentUser user) {
        return user.role() == Role.PARTNER_ADMIN ? "Welcome, " + user.username() + " (" + user.tenantSlug().value() + ")"
                : "Welcome, " + user.username();
    }

    private Component tenantsByStatus() {
        var counts = tenants.countByStatus();
        var card = card("Tenants by status");
        for (var status : List.of(TenantStatus.ACTIVE, TenantStatus.PROVISIONING, TenantStatus.SUSPENDED,
                TenantStatus.FAILED, TenantStatus.OFFBOARDED)) {
            card.add(figure(counts.get(status), status.label(), "tenants?status=" + status.name()));
        }
        card.add(new Anchor("tenants", "All " + counts.values().stream().mapToLong(Long::longValue).sum() + " tenants"));
        return card;
    }

    private Component attention() {
        var card = card("Needs attention");
        card.add(figure(tenants.countByStatus().get(TenantStatus.FAILED), "failed provisioning",
                "tenants?status=FAILED"));
        card.add(figure(fleet.behindCount(), "schemas behind release " + fleet.latestVersion(), "fleet"));
        var publications = publishing.attention(backlogThreshold);
        card.add(figure(publications.failing(), "publications failing", "publishing?state=failing"));
        card.add(figure(publications.overdue(), "publications overdue (waiting over "
                + backlogThreshold.toMinutes() + " min)", "publishing?state=pending"));
        var last = publications.lastReconciliation();
        card.add(last == null
                ? line("No reconciliation of all tenants since this console started.")
                : figure(last.drifted(), "tenants drifted at the last reconciliation ("
                + Times.format(publications.reconciledAt()) + ")", "publishing"));
        return card;
    }

    /** What waits for the user's review, their own open requests, and (operators) break-glass applies to review. */
    private Component changeRequests(boolean operator) {
        var card = card("Change requests");
        card.addClassName("home-changes");
        card.add(figure(changes.waitingForMyReview().size(), "waiting for your review", "changes"));
        card.add(figure(changes.myOpenRequests().size(), "of your requests open", "changes"));
        if (operator) {
            card.add(figureText(changes.countPending(), "open across all tenants"));
            var glass = changes.breakGlassAwaitingReview();
            card.add(figureText(glass.size(), "break-glass applies awaiting review"));
            glass.stream().limit(RECENT).forEach(r -> {
                var row = new Div(new Anchor(r.link(), r.title()), new Span(" · applied by " + r.appliedBy()
                        + " at " + Times.format(r.appliedAt()) + ": " + r.breakGlassReason()));
                row.addClassName("home-break-glass");
                card.add(row);
            });
        }
        return card;
    }

    private Component funnel() {
        var funnel = onboarding.funnel();
        var card = card("Go-live funnel");
        card.add(line("Of " + funnel.tenants() + " tenants (offboarded ones not counted):"));
        for (var step : funnel.steps()) {
            var row = step.link() == null ? figureText(step.done(), step.label()) : figure(step.done(), step.label(), step.link());
            row.addClassName("funnel-step");
            row.getElement().setAttribute("title", step.done() + " of " + funnel.tenants());
            card.add(row);
        }
        return card;
    }

    private Component checklist(CurrentUser user) {
        var checklist = onboarding.checklist(user.tenant());
        var card = card("Your go-live checklist · " + checklist.progress());
        for (var item : checklist.items()) {
            var mark = switch (item.state()) {
                case DONE -> "✓ ";
                case OPEN -> "○ ";
                case UNKNOWN -> "? ";
            };
            var row = new Div();
            row.addClassName("checklist-item");
            row.addClassName(item.state() == ItemState.DONE ? "done" : "open");
            if (item.link() == null || item.state() == ItemState.DONE) {
                row.add(new Span(mark + item.label()));
            } else {
                row.add(new Span(mark), new Anchor(item.link(), item.label()));
            }
            if (item.detail() != null) {
                var detail = new Span(" · " + item.detail());
                detail.addClassName("home-muted");
                row.add(detail);
            }
            card.add(row);
        }
        card.add(new Anchor("tenants/" + user.tenantSlug().value(), "Open your tenant"));
        return card;
    }

    private Component recent(String title, AuditFilter filter, String all) {
        var card = card(title);
        var entries = audit.page(filter, null, RECENT);
        if (entries.isEmpty()) {
            card.add(line("Nothing yet."));
        }
        for (AuditEntry e : entries) {
            var row = new Div();
            row.addClassName("recent-entry");
            var when = new Span(Times.format(e.occurredAt()));
            when.addClassName("home-muted");
            row.add(when, new Span(" · " + e.actor() + " · " + e.action().label()
                    + (e.tenantSlug() == null ? "" : " · " + e.tenantSlug())
                    + (e.target() == null ? "" : " · " + e.target())));
            row.getElement().setAttribute("title", e.detail() == null ? "" : e.detail());
            card.add(row);
        }
        card.add(new Anchor(all, "Open the audit log"));
        return card;
    }

    private Component integrity() {
        var card = card("Integrity of the audit history");
        var result = line("Every entry is chained to the one before; verifying recomputes the whole chain.");
        var verify = new Button("Verify integrity now", e -> {
            var report = audit.verifyIntegrity();
            result.setText(report.broken().map(b -> "Broken at entry #" + b.id() + " (" + Times.format(b.occurredAt())
                            + "): " + b.reason())
                    .orElse("Intact: " + report.checked() + " entries checked at " + Times.format(java.time.Instant.now())
                            + "."));
            result.addClassName(report.broken().isPresent() ? "integrity-broken" : "integrity-intact");
        });
        card.add(result, verify);
        return card;
    }

    private static AuditFilter tenantFilter(CurrentUser user) {
        return new AuditFilter(user.tenantSlug().value(), null, null, null, null, null, null);
    }

    private static Div card(String title) {
        var card = new Div();
        card.addClassName("home-card");
        card.add(new H3(title));
        return card;
    }

    /** "12 failed provisioning", the number linking to the list of them. */
    private static Div figure(long count, String label, String link) {
        var row = new Div();
        row.addClassName("home-figure");
        var number = new Anchor(link, String.valueOf(count));
        number.addClassName("home-number");
        row.add(number, new Span(" " + label));
        return row;
    }

    private static Div figureText(long count, String label) {
        var row = new Div();
        row.addClassName("home-figure");
        var number = new Span(String.valueOf(count));
        number.addClassName("home-number");
        row.add(number, new Span(" " + label));
        return row;
    }

    private static Paragraph line(String text) {
        var p = new Paragraph(text);
        p.addClassName("home-muted");
        return p;
    }
}
