package io.concierge.publishing.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import io.concierge.publishing.PublicationFilter;
import io.concierge.publishing.PublicationStatus;
import io.concierge.publishing.PublishingService;
import io.concierge.publishing.RebuildResult;
import io.concierge.security.Role;
import io.concierge.security.TenantAccess;
import io.concierge.shared.ui.ConfirmAction;
import io.concierge.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;


/**
 * Every tenant's publication to the platform's cache, failing ones first. Operators reconcile or rebuild the whole
 * cache from here; a rebuild reports its progress live through server push.
 */
@Route("publishing")
@PageTitle("Publishing · Concierge")
@Menu(title = "Publishing", order = 40)
@RolesAllowed({Role.Names.OPERATOR, Role.Names.AUDITOR})
class PublishingView extends VerticalLayout implements BeforeEnterObserver {

    private final PublishingService publishing;
    final Grid<PublicationStatus> grid = new Grid<>();
    final Span summary = new Span();
    final ProgressBar progress = new ProgressBar();
    final Span progressText = new Span();
    private Button reconcileAll;
    private PublicationFilter filter = PublicationFilter.ALL;
    private Button rebuild;

    PublishingView(PublishingService publishing, TenantAccess access) {
        this.publishing = publishing;
        setSizeFull();
        var header = new HorizontalLayout(new H2("Publishing"));
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (access.isOperator()) {
            reconcileAll = new Button("Reconcile all", e -> reconcileAll());
            rebuild = new Button("Rebuild whole cache", e -> ConfirmAction.ask("Rebuild the whole cache?")
                    .consequence("Every tenant's keys in Redis are written again from the database, one tenant at a "
                            + "time. The platform keeps answering meanwhile; keys of tenants the database no longer "
                            + "has are removed. This takes a while with many tenants.")
                    .confirm("Rebuild whole cache", this::rebuild));
            rebuild.addThemeVariants(ButtonVariant.LUMO_ERROR);
            header.add(reconcileAll, rebuild);
        }
        progress.setVisible(false);
        progress.setWidth("20em");

        grid.addColumn(s -> s.slug().value()).setHeader("Tenant").setAutoWidth(true);
        grid.addColumn(s -> s.status().label()).setHeader("Status").setAutoWidth(true);
        grid.addColumn(PublishingView::state).setHeader("Publication").setAutoWidth(true);
        grid.addColumn(s -> s.publishedSequence() + " / " + s.sequence()).setHeader("Published / saved changes")
                .setAutoWidth(true);
        grid.addColumn(s -> PublicationPanel.time(s.publishedAt())).setHeader("Published at").setAutoWidth(true);
        grid.addColumn(PublicationStatus::attempts).setHeader("Attempts").setAutoWidth(true);
        grid.addColumn(s -> s.lastError() == null ? "" : s.lastError()).setHeader("Error").setWidth("14rem")
                .setFlexGrow(1).setTooltipGenerator(s -> s.lastError() == null ? "" : s.lastError());
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("tenants/" + e.getItem().slug().value())));
        grid.setSizeFull();
        add(header, summary, new HorizontalLayout(progress, progressText), grid);
        refresh();
    }

    static String state(PublicationStatus s) {
        if (s.upToDate()) {
            return "Up to date";
        }
        return s.failing() ? "Failing" : "Pending";
    }

    /** {@code ?state=failing} or {@code ?state=pending} shows only those (the home page's numbers link here). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var state = event.getLocation().getQueryParameters().getSingleParameter("state").orElse("");
        filter = switch (state) {
            case "failing" -> PublicationFilter.FAILING;
            case "pending" -> PublicationFilter.PENDING;
            default -> PublicationFilter.ALL;
        };
        refresh();
    }

    void refresh() {
        // lazy: one page query per screenful of rows and one count, whatever the size of the fleet
        var shown = filter;
        grid.setItems(query -> publishing.page(shown, VaadinSpringDataHelpers.toSpringPageRequest(query)).stream(),
                query -> (int) publishing.count(shown));
        long all = publishing.count(PublicationFilter.ALL);
        long failing = publishing.count(PublicationFilter.FAILING);
        long pending = publishing.count(PublicationFilter.PENDING);
        summary.setText(all + (all == 1 ? " tenant · " : " tenants · ") + failing + " failing · "
                + (pending - failing) + " pending" + switch (filter) {
                    case ALL -> "";
                    case PENDING -> " · showing those not up to date, the longest waiting first";
                    case FAILING -> " · showing the failing ones, the longest waiting first";
                });
    }

    private void reconcileAll() {
        var result = publishing.reconcileAll();
        var text = "Checked " + result.checked() + " tenants: " + result.drifted() + " drifted, " + result.repaired()
                + " repaired" + (result.failed() > 0 ? ", " + result.failed() + " failed" : "") + ".";
        if (result.failed() > 0) {
            Notifications.error(text);
        } else {
            Notifications.success(text);
        }
        refresh();
    }

    private void rebuild() {
        var ui = UI.getCurrent();
        reconcileAll.setEnabled(false);
        rebuild.setEnabled(false);
        progress.setVisible(true);
        progress.setValue(0);
        progressText.setText("Rebuilding…");
        // the rebuild runs as the signed-in operator, on its own thread, while this page shows its progress
        var work = new DelegatingSecurityContextRunnable(() -> {
            try {
                var result = publishing.rebuildAll((done, total, failed) -> ui.access(() -> {
                    progress.setValue(total == 0 ? 1 : (double) done / total);
                    progressText.setText(done + " of " + total + " tenants" + (failed > 0 ? ", " + failed + " failed" : ""));
                }));
                ui.access(() -> finished(result));
            } catch (RuntimeException e) {
                ui.access(() -> {
                    Notifications.error("Rebuild failed: " + e.getMessage());
                    reconcileAll.setEnabled(true);
                    rebuild.setEnabled(true);
                });
            }
        });
        var thread = new Thread(work, "publishing-rebuild");
        thread.setDaemon(true);
        thread.start();
    }

    private void finished(RebuildResult result) {
        progress.setValue(1);
        progressText.setText("Rebuilt " + result.published() + " of " + result.tenants() + " tenants in "
                + result.took().toMillis() + " ms" + (result.failures().isEmpty() ? "." : "; failed: "
                + String.join("; ", result.failures())));
        reconcileAll.setEnabled(true);
        rebuild.setEnabled(true);
        refresh();
    }
}
