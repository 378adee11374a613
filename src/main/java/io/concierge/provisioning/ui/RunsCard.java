package io.concierge.provisioning.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.concierge.shared.ui.Times;
import io.concierge.provisioning.FleetUpgrades;
import io.concierge.provisioning.ProvisioningProgress;
import io.concierge.provisioning.ProvisioningRun;
import io.concierge.provisioning.ProvisioningRuns;
import io.concierge.provisioning.RunStatus;
import io.concierge.shared.TenantId;
import io.concierge.shared.ui.Notifications;
import io.concierge.shared.ui.Viewer;
import io.concierge.tenant.TenantService;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The runs of one tenant, newest first, with their steps, durations, outcome, error and log. Follows runs as
 * they happen: the progress broadcaster nudges it from a background thread, and it redraws through server
 * push. Operators also get "Upgrade schema" when the tenant is behind the changelog.
 */
class RunsCard extends VerticalLayout {

    private final TenantId tenant;
    private final ProvisioningRuns runs;
    private final ProvisioningProgress progress;
    private final FleetUpgrades fleet;
    private final TenantService tenants;
    private final Runnable tenantChanged;
    private final Viewer viewer = new Viewer();
    private final Div actions = new Div();
    private final Div list = new Div();
    private Runnable unsubscribe;
    /** The newest run and its status as last rendered. */
    private String rendered;

    RunsCard(TenantId tenant, ProvisioningRuns runs, ProvisioningProgress progress, FleetUpgrades fleet,
             TenantService tenants, Runnable tenantChanged) {
        this.tenant = tenant;
        this.runs = runs;
        this.progress = progress;
        this.fleet = fleet;
        this.tenants = tenants;
        this.tenantChanged = tenantChanged;
        setPadding(false);
        addClassName("provisioning-runs");
        add(new H3("Schema provisioning"), actions, list);
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        var ui = event.getUI();
        unsubscribe = progress.subscribe(update -> {
            if (update instanceof ProvisioningProgress.RunUpdated run && run.tenant().equals(tenant)) {
                ui.access(() -> viewer.run(() -> {
                    refresh();
                    if (run.status() != RunStatus.RUNNING) {
                        tenantChanged.run();
                    }
                }));
            }
        });
        // A run that moved on between the first render and this subscription sent its news to nobody.
        if (!newest(runs.of(tenant)).equals(rendered)) {
            refresh();
            tenantChanged.run();
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
    }


    private void refresh() {
        list.removeAll();
        var all = runs.of(tenant);
        rendered = newest(all);
        if (all.isEmpty()) {
            list.add(new Paragraph("No provisioning run yet."));
        }
        all.forEach(run -> list.add(render(run)));
        renderActions();
    }

    private static String newest(List<ProvisioningRun> all) {
        return all.isEmpty() ? "" : all.get(0).id() + " " + all.get(0).status();
    }

    private void renderActions() {
        actions.removeAll();
        if (!fleet.canUpgrade()) {
            return;
        }
        tenants.find(tenant).filter(fleet::isBehind).ifPresent(t -> {
            var upgrade = new Button("Upgrade schema to " + fleet.latestVersion(), e -> {
                e.getSource().setEnabled(false);
                var ui = e.getSource().getUI().orElseThrow();
                fleet.upgrade(tenant).thenAccept(report -> {
                    if (report.error() != null) {
                        ui.access(() -> {
                            Notifications.error(report.error());
                            e.getSource().setEnabled(true);
                        });
                    }
                });
                Notifications.success("Upgrading the schema of '" + t.slug() + "' to " + fleet.latestVersion() + ".");
            });
            upgrade.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(upgrade);
        });
    }

    private Div render(ProvisioningRun run) {
        var now = Instant.now();
        var box = new Div();
        box.addClassName("provisioning-run");
        box.getStyle().set("margin-bottom", "var(--lumo-space-m)");
        var status = new Span(run.status().label());
        status.getElement().getThemeList().add(switch (run.status()) {
            case SUCCEEDED -> "badge success";
            case FAILED -> "badge error";
            case RUNNING -> "badge";
        });
        var versions = run.toVersion() == null ? ""
                : " · " + (run.fromVersion() == null ? "" : run.fromVersion() + " → ") + run.toVersion()
                + (run.changesetsApplied() == null ? "" : " · " + run.changesetsApplied() + " changesets");
        var title = new Span(run.kind().label() + " · " + Times.format(run.startedAt()) + " · "
                + format(run.duration(now)) + versions + " ");
        box.add(new Div(title, status));
        for (var step : run.steps()) {
            var mark = switch (step.status()) {
                case SUCCEEDED -> "✔";
                case FAILED -> "✘";
                case RUNNING -> "…";
            };
            var line = new Div(mark + " " + step.name() + " · " + format(step.duration(now))
                    + (step.detail() == null ? "" : " · " + firstLine(step.detail())));
            line.addClassName("provisioning-step");
            line.getStyle().set("padding-left", "var(--lumo-space-m)");
            box.add(line);
        }
        if (run.error() != null) {
            var error = new Pre(run.error());
            error.getStyle().set("color", "var(--lumo-error-text-color)").set("white-space", "pre-wrap");
            box.add(error);
        }
        if (run.log() != null && !run.log().isBlank()) {
            box.add(new Details("Log", new Pre(run.log())));
        }
        return box;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl) + " (see error)";
    }

    static String format(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
