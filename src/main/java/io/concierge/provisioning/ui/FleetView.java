package io.concierge.provisioning.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import io.concierge.provisioning.FleetUpgradeReport;
import io.concierge.provisioning.FleetUpgrades;
import io.concierge.provisioning.ProvisioningProgress;
import io.concierge.provisioning.ProvisioningRun;
import io.concierge.provisioning.ProvisioningRuns;
import io.concierge.provisioning.RunKind;
import io.concierge.provisioning.TenantUpgradeResult;
import io.concierge.security.Role;
import io.concierge.shared.TenantSlug;
import io.concierge.shared.ui.Notifications;
import io.concierge.shared.ui.Times;
import io.concierge.shared.ui.Viewer;
import io.concierge.tenant.TenantSummary;
import jakarta.annotation.security.RolesAllowed;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Schema versions across the fleet: the changelog's newest release, the tenants behind it (from their stored
 * versions), "Upgrade all" or one at a time, and each tenant's result as it comes in.
 */
@Route("fleet")
@PageTitle("Schema upgrades · Concierge")
@Menu(title = "Schema upgrades", order = 20)
@RolesAllowed(Role.Names.OPERATOR)
class FleetView extends VerticalLayout {

    private final FleetUpgrades fleet;
    private final ProvisioningProgress progress;
    private final ProvisioningRuns runs;
    /** Per version the tenants were at: replayed from a plan, or Liquibase and why. */
    final UnorderedList plans = new UnorderedList();
    private final Viewer viewer = new Viewer();
    final Paragraph summary = new Paragraph();
    final Paragraph interrupted = new Paragraph();
    private final Button resume = new Button("Resume upgrade");
    private final Button upgradeAll = new Button("Upgrade all");
    final Grid<TenantSummary> behind = new Grid<>();
    private final ProgressBar bar = new ProgressBar();
    private final Paragraph progressText = new Paragraph();
    final Grid<TenantUpgradeResult> results = new Grid<>();
    private Runnable unsubscribe;

    FleetView(FleetUpgrades fleet, ProvisioningProgress progress, ProvisioningRuns runs) {
        this.fleet = fleet;
        this.progress = progress;
        this.runs = runs;
        upgradeAll.addClickListener(e -> start(fleet.upgradeAll()));
        upgradeAll.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        resume.addClickListener(e -> start(fleet.upgradeAll()));
        resume.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);

        behind.addColumn(t -> t.slug().value()).setHeader("Tenant").setKey("slug");
        behind.addColumn(TenantSummary::displayName).setHeader("Name");
        behind.addColumn(t -> t.status().label()).setHeader("Status");
        behind.addColumn(t -> t.changelogVersion() == null ? "none" : t.changelogVersion())
                .setHeader("Schema version").setKey("version");
        behind.addComponentColumn(t -> {
            var one = new Button("Upgrade", e -> start(fleet.upgrade(t.id())));
            one.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return one;
        }).setHeader("");
        behind.setHeight("24em");

        results.addColumn(r -> r.slug().value()).setHeader("Tenant").setKey("slug");
        results.addColumn(r -> r.outcome().label()).setHeader("Result").setKey("outcome");
        results.addColumn(r -> r.way().label()).setHeader("Way").setKey("way");
        results.addColumn(r -> r.fromVersion() + " → " + r.toVersion()).setHeader("Version");
        results.addColumn(r -> RunsCard.format(r.duration())).setHeader("Duration");
        results.addColumn(TenantUpgradeResult::changesetsApplied).setHeader("Changesets");
        results.addComponentColumn(this::error).setHeader("Error").setKey("error").setFlexGrow(3);
        results.setHeight("24em");

        bar.setVisible(false);
        add(new H2("Schema upgrades"), interrupted, resume, summary, upgradeAll, bar, progressText, behind,
                new H3("Last upgrade"), plans, results);
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        var ui = event.getUI();
        unsubscribe = progress.subscribe(update -> {
            if (update instanceof ProvisioningProgress.FleetUpdated fleetUpdate) {
                ui.access(() -> viewer.run(() -> show(fleetUpdate.report())));
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
    }

    private void start(CompletableFuture<FleetUpgradeReport> run) {
        upgradeAll.setEnabled(false);
        bar.setVisible(true);
        bar.setIndeterminate(true);
        progressText.setText("Starting…");
        run.exceptionally(e -> {
            getUI().ifPresent(ui -> ui.access(() -> Notifications.error("Upgrade failed: " + e.getMessage())));
            return null;
        });
    }

    /** The error's message, and its stack trace (from the run's log) one click away. */
    private Component error(TenantUpgradeResult result) {
        if (result.error() == null) {
            return new Span();
        }
        var message = new Span(result.error().lines().findFirst().orElse(""));
        var trace = new Button("Stack trace", e -> {
            var log = runs.of(result.tenant()).stream().filter(r -> r.kind() == RunKind.UPGRADE).findFirst()
                    .map(ProvisioningRun::log).orElse("No run recorded.");
            var dialog = new Dialog();
            dialog.setHeaderTitle("Upgrade of " + result.slug().value());
            var pre = new Pre(log);
            pre.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-xs)");
            dialog.add(pre);
            dialog.getFooter().add(new Button("Close", c -> dialog.close()));
            dialog.setWidth("60em");
            dialog.open();
        });
        trace.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return new Span(message, trace);
    }

    private void show(FleetUpgradeReport report) {
        results.setItems(report.results());
        plans.removeAll();
        report.plans().forEach(p -> plans.add(new ListItem(p)));
        if (report.total() > 0) {
            bar.setIndeterminate(false);
            bar.setValue(report.results().size() / (double) report.total());
        }
        progressText.setText(report.results().size() + " of " + report.total() + " tenants done to "
                + report.targetVersion() + ": " + report.count(TenantUpgradeResult.Outcome.UPGRADED) + " upgraded, "
                + report.count(TenantUpgradeResult.Outcome.FAILED) + " failed"
                + (report.finished() ? " in " + RunsCard.format(report.elapsed()) + "." : "…"));
        if (report.finished()) {
            bar.setVisible(false);
            if (report.error() != null) {
                Notifications.error(report.error());
            } else if (report.count(TenantUpgradeResult.Outcome.FAILED) > 0) {
                Notifications.error(report.count(TenantUpgradeResult.Outcome.FAILED) + " tenant upgrades failed; see the errors below.");
            } else {
                Notifications.success("Schema upgrade finished: " + report.count(TenantUpgradeResult.Outcome.UPGRADED)
                        + " tenants upgraded.");
            }
            refresh();
        }
    }

    private void refresh() {
        var overview = fleet.overview();
        summary.setText("Newest changelog release: " + overview.latestVersion() + " · " + overview.behind()
                + " tenants behind · " + overview.current() + " current");
        // lazy: the browser gets the rows in view, one page query each, and the count is the overview's
        behind.setItems(query -> fleet.behind(VaadinSpringDataHelpers.toSpringPageRequest(query)).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, overview.behind()));
        upgradeAll.setEnabled(overview.behind() > 0 && !overview.upgradeRunning());
        var cutShort = fleet.interrupted();
        interrupted.setVisible(cutShort.isPresent());
        resume.setVisible(cutShort.isPresent() && overview.behind() > 0);
        resume.setEnabled(!overview.upgradeRunning());
        cutShort.ifPresent(i -> interrupted.setText("A schema upgrade was cut short when the console stopped "
                + "unexpectedly (found at " + Times.format(i.at()) + "; in progress: " + i.tenants().stream()
                .map(TenantSlug::value).collect(Collectors.joining(", ")) + "). "
                + (i.resumed() ? "The console resumed it when it started again" : "It was not resumed")
                + (overview.upgradeRunning() ? "; an upgrade is running now." : ". " + overview.behind()
                + " tenants are still behind " + overview.latestVersion() + ".")));
    }


}
