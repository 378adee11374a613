package io.concierge.publishing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.concierge.shared.ui.Times;
import io.concierge.publishing.PublicationStatus;
import io.concierge.publishing.PublishingService;
import io.concierge.shared.TenantId;
import io.concierge.shared.ui.Notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The "Publication" section of a tenant page: what is saved, what the platform's cache holds, and why not. */
class PublicationPanel extends VerticalLayout {

    /** One line of the panel: a configuration area, or the tenant's status. */
    record Line(String what, String saved, String published, String at, String error) {
    }

    private final PublishingService publishing;
    private final TenantId tenant;
    final Paragraph summary = new Paragraph();
    final Grid<Line> grid = new Grid<>();

    PublicationPanel(PublishingService publishing, TenantId tenant, boolean operator) {
        this.publishing = publishing;
        this.tenant = tenant;
        setPadding(false);
        grid.addColumn(Line::what).setHeader("Area").setAutoWidth(true);
        grid.addColumn(Line::saved).setHeader("Saved").setAutoWidth(true);
        grid.addColumn(Line::published).setHeader("Published").setAutoWidth(true);
        grid.addColumn(Line::at).setHeader("Published at (UTC)").setAutoWidth(true);
        grid.addColumn(Line::error).setHeader("Error");
        grid.setAllRowsVisible(true);
        add(new H3("Publication"), summary, grid);
        if (operator) {
            var reconcile = new Button("Reconcile now", e -> reconcile());
            reconcile.setTooltipText("Compare the platform's cache with the database and repair any difference");
            add(reconcile);
        }
        refresh();
    }

    void refresh() {
        var status = publishing.status(tenant);
        summary.setText(summaryText(status));
        summary.getStyle().set("color", status.failing() ? "var(--lumo-error-text-color)" : "var(--lumo-secondary-text-color)");
        var lines = new ArrayList<Line>();
        status.areas().forEach(a -> lines.add(new Line(a.area().label(), version(a.savedVersion()),
                version(a.publishedVersion()), time(a.publishedAt()), a.error() == null ? "" : a.error())));
        var statusBehind = !status.status().name().equals(status.publishedStatus());
        lines.add(new Line("Tenant status", status.status().label(),
                status.publishedStatus() == null ? "–" : status.publishedStatus(), time(status.publishedAt()),
                statusBehind && status.lastError() != null ? status.lastError() : ""));
        grid.setItems(List.copyOf(lines));
    }

    static String summaryText(PublicationStatus status) {
        if (status.upToDate()) {
            return "Up to date: the platform enforces every saved change.";
        }
        if (status.failing()) {
            return "Not published: " + status.lastError() + " (" + status.attempts() + " attempts"
                    + (status.nextAttemptAt() == null ? "" : ", next at " + Times.format(status.nextAttemptAt())) + ").";
        }
        return "Publishing " + (status.sequence() - status.publishedSequence()) + " pending change(s)…";
    }

    private void reconcile() {
        try {
            var result = publishing.reconcile(tenant);
            if (result.failed() > 0) {
                Notifications.error("Could not repair the cache: " + String.join("; ", result.failures()));
            } else if (result.repaired() > 0) {
                Notifications.success("The cache differed from the database and was repaired.");
            } else {
                Notifications.success("The cache matches the database.");
            }
        } catch (RuntimeException e) {
            Notifications.error("Reconciliation failed: " + e.getMessage());
        }
        refresh();
    }

    private static String version(long v) {
        return v == 0 ? "–" : "v" + v;
    }

    static String time(Instant at) {
        return Times.format(at, "–");
    }
}
