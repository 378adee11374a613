package io.concierge.audit.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.concierge.shared.ui.Times;
import io.concierge.audit.AuditAction;
import io.concierge.audit.AuditArea;
import io.concierge.audit.AuditEntry;
import io.concierge.audit.AuditFilter;
import io.concierge.audit.AuditLog;
import io.concierge.audit.ExportFormat;
import io.concierge.security.Role;
import io.concierge.security.TenantAccess;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The audit history, newest first, read-only. The grid is lazy and pages by keyset: the view remembers, for
 * each offset it has loaded up to, the id of the last entry there, and asks the service for entries older than
 * the nearest such cursor (skipping the few in between), so the database never counts or skips far however
 * deep one scrolls. Filters can come from the URL ({@code ?tenant=acme&area=branding&from=2026-11-01}).
 */
@Route("audit")
@PageTitle("Audit log · Concierge")
@Menu(title = "Audit log", order = 50)
@RolesAllowed({Role.Names.AUDITOR, Role.Names.OPERATOR, Role.Names.PARTNER_ADMIN})
class AuditView extends VerticalLayout implements BeforeEnterObserver {

    static final DateTimeFormatter TIME = Times.FORMAT;

    private final AuditLog log;
    final TextField tenantFilter = new TextField("Tenant");
    final TextField actorFilter = new TextField("Actor");
    final ComboBox<AuditAction> actionFilter = new ComboBox<>("Action");
    final ComboBox<AuditArea> areaFilter = new ComboBox<>("Area");
    final DatePicker fromFilter = Times.datePicker("From");
    final DatePicker toFilter = Times.datePicker("To");
    final TextField textFilter = new TextField("Search");
    final Grid<AuditEntry> grid = new Grid<>();
    final Span integrity = new Span();
    /** Offset → id of the entry just before it: rows from that offset on are older than the id. */
    private final TreeMap<Integer, Long> cursors = new TreeMap<>();
    private volatile AuditFilter filter = AuditFilter.ALL;
    private boolean applyingUrl;

    AuditView(AuditLog log, TenantAccess access) {
        this.log = log;
        setSizeFull();
        var user = access.current().orElseThrow();
        add(new H2("Audit log"));

        tenantFilter.setPlaceholder("slug");
        if (user.is(Role.PARTNER_ADMIN)) {
            tenantFilter.setValue(user.tenantSlug().value());
            tenantFilter.setReadOnly(true);
            tenantFilter.setHelperText("Your tenant's history");
        }
        actionFilter.setItems(AuditAction.values());
        actionFilter.setItemLabelGenerator(AuditAction::label);
        areaFilter.setItems(AuditArea.values());
        areaFilter.setItemLabelGenerator(AuditArea::label);
        for (var field : List.of(tenantFilter, actorFilter, textFilter)) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setClearButtonVisible(true);
        }
        actionFilter.setClearButtonVisible(true);
        areaFilter.setClearButtonVisible(true);
        fromFilter.setClearButtonVisible(true);
        toFilter.setClearButtonVisible(true);
        textFilter.setPlaceholder("actor, tenant, target, detail");
        tenantFilter.addValueChangeListener(e -> filtersChanged());
        actorFilter.addValueChangeListener(e -> filtersChanged());
        actionFilter.addValueChangeListener(e -> filtersChanged());
        areaFilter.addValueChangeListener(e -> filtersChanged());
        fromFilter.addValueChangeListener(e -> filtersChanged());
        toFilter.addValueChangeListener(e -> filtersChanged());
        textFilter.addValueChangeListener(e -> filtersChanged());
        var filters = new HorizontalLayout(tenantFilter, actorFilter, actionFilter, areaFilter, fromFilter, toFilter,
                textFilter);
        filters.setWrap(true);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        var csv = new Anchor(download(ExportFormat.CSV), "Export CSV");
        var json = new Anchor(download(ExportFormat.JSON), "Export JSON");
        var asOf = new RouterLink("Configuration as of a moment", AsOfView.class);
        var actions = new HorizontalLayout(csv, json, asOf);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        if (access.canReadAll()) {
            var verify = new Button("Verify integrity", e -> verify());
            verify.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            var checkpoints = new Anchor(checkpointDownload(), "Download checkpoints");
            actions.add(verify, checkpoints, integrity);
        }

        // fits 1366 px beside the menu without scrolling sideways: cells wrap (long details and targets read in
        // full), narrow columns carry their whole value as a tooltip, and target and detail take the spare width
        grid.addColumn(e -> TIME.format(e.occurredAt())).setHeader("Time").setWidth("6.75rem").setFlexGrow(0);
        grid.addColumn(AuditEntry::actor).setHeader("Actor").setWidth("6rem").setFlexGrow(0)
                .setTooltipGenerator(AuditEntry::actor);
        grid.addColumn(AuditEntry::actorRoleLabel).setHeader("Role")
                .setWidth("5.5rem").setFlexGrow(0);
        grid.addColumn(AuditEntry::tenantSlug).setHeader("Tenant").setWidth("6rem").setFlexGrow(0)
                .setTooltipGenerator(AuditEntry::tenantSlug);
        grid.addColumn(e -> e.area().label()).setHeader("Area").setWidth("5.5rem").setFlexGrow(0);
        grid.addColumn(e -> e.action().label()).setHeader("Action").setWidth("8rem").setFlexGrow(0)
                .setTooltipGenerator(e -> e.action().label());
        grid.addColumn(AuditEntry::target).setHeader("Target").setWidth("8rem").setFlexGrow(1)
                .setTooltipGenerator(AuditEntry::target);
        grid.addColumn(AuditEntry::detail).setHeader("Detail").setWidth("11.25rem").setFlexGrow(3)
                .setTooltipGenerator(AuditEntry::detail);
        grid.addColumn(AuditEntry::producedVersion).setHeader("Version").setWidth("4rem").setFlexGrow(0);
        grid.addColumn(AuditEntry::clientAddress).setHeader("Client").setWidth("5.5rem").setFlexGrow(0)
                .setTooltipGenerator(AuditEntry::clientAddress);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES,
                GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addClassName("concierge-audit-grid"); // slugs and names wrap anywhere (styles.css)
        grid.setItems(this::fetch);
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.setSizeFull();

        add(filters, actions, grid);
        setFlexGrow(1, grid);
        resetCursors();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        if (params.isEmpty()) {
            return;
        }
        AuditFilter requested;
        try {
            requested = AuditFilter.parse(first(params, "tenant"), first(params, "actor"), first(params, "action"),
                    first(params, "area"), first(params, "from"), first(params, "to"), first(params, "q"));
            // the service decides whether this user may read that tenant's history (and records a refusal)
            log.page(requested, null, 1);
        } catch (org.springframework.security.access.AccessDeniedException e) {
            event.rerouteToError(AccessDeniedException.class, e.getMessage());
            return;
        } catch (InvalidValueException e) {
            Notifications.error(e.getMessage());
            return;
        }
        applyingUrl = true;
        try {
            if (!tenantFilter.isReadOnly()) {
                tenantFilter.setValue(orEmpty(requested.tenantSlug()));
            }
            actorFilter.setValue(orEmpty(requested.actor()));
            actionFilter.setValue(requested.action());
            areaFilter.setValue(requested.area());
            fromFilter.setValue(requested.from() == null ? null : LocalDate.ofInstant(requested.from(), ZoneOffset.UTC));
            toFilter.setValue(requested.to() == null ? null
                    : LocalDate.ofInstant(requested.to(), ZoneOffset.UTC).minusDays(1));
            textFilter.setValue(orEmpty(requested.text()));
        } finally {
            applyingUrl = false;
        }
        filtersChanged();
    }

    private void filtersChanged() {
        if (applyingUrl) {
            return;
        }
        try {
            filter = new AuditFilter(tenantFilter.getValue(), actorFilter.getValue(), actionFilter.getValue(),
                    areaFilter.getValue(), fromFilter.getValue() == null ? null : AuditFilter.startOfDay(fromFilter.getValue()),
                    toFilter.getValue() == null ? null : AuditFilter.startOfDay(toFilter.getValue().plusDays(1)),
                    textFilter.getValue());
            tenantFilter.setInvalid(false);
            toFilter.setInvalid(false);
            textFilter.setInvalid(false);
        } catch (InvalidValueException e) {
            var field = switch (e.field() == null ? "" : e.field()) {
                case "tenant" -> tenantFilter;
                case "to" -> toFilter;
                default -> textFilter;
            };
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
            return;
        }
        resetCursors();
        grid.getDataProvider().refreshAll();
    }

    private void resetCursors() {
        cursors.clear();
        cursors.put(0, Long.MAX_VALUE);
    }

    /** Translates the grid's offset into a keyset query from the nearest cursor below it. */
    private Stream<AuditEntry> fetch(Query<AuditEntry, Void> query) {
        int offset = query.getOffset();
        int limit = Math.min(query.getLimit(), AuditLog.MAX_PAGE);
        var known = cursors.floorEntry(offset);
        while (offset - known.getKey() > AuditLog.MAX_SKIP) {
            // a jump far past what was loaded: step there in long strides, remembering each
            var step = log.page(filter, known.getValue(), AuditLog.MAX_SKIP - 1, 1);
            if (step.isEmpty()) {
                return Stream.empty();
            }
            cursors.put(known.getKey() + AuditLog.MAX_SKIP, step.get(0).id());
            known = cursors.floorEntry(offset);
        }
        var rows = log.page(filter, known.getValue(), offset - known.getKey(), limit);
        if (!rows.isEmpty()) {
            cursors.put(offset + rows.size(), rows.get(rows.size() - 1).id());
        }
        return rows.stream();
    }

    private DownloadHandler download(ExportFormat format) {
        return event -> {
            var current = filter;
            event.setFileName(AuditLog.exportFileName(current, format));
            event.setContentType(format.contentType());
            try (var out = event.getOutputStream()) {
                log.export(current, format, out);
            }
        };
    }

    /** The signed checkpoints as JSON lines: auditors keep them where nobody with database access can reach. */
    private DownloadHandler checkpointDownload() {
        return event -> {
            event.setFileName("audit-checkpoints.jsonl");
            event.setContentType("application/x-ndjson");
            try (var out = event.getOutputStream()) {
                log.exportCheckpoints(out);
            }
        };
    }

    private void verify() {
        var report = log.verifyIntegrity();
        var against = " Compared with " + report.checkpoints() + " signed checkpoint"
                + (report.checkpoints() == 1 ? "" : "s") + "." + report.warning().map(w -> " " + w).orElse("");
        if (report.intact()) {
            integrity.setText("Chain intact: " + report.checked() + " entries verified." + against);
            integrity.getStyle().set("color", "var(--lumo-success-text-color)");
        } else {
            var broken = report.broken().orElseThrow();
            integrity.setText("Entry #" + broken.id() + " (" + TIME.format(broken.occurredAt()) + ", "
                    + broken.action() + (broken.target() == null ? "" : " " + broken.target()) + ") is broken: "
                    + broken.reason() + ". " + report.checked() + " entries before it are intact." + against);
            integrity.getStyle().set("color", "var(--lumo-error-text-color)");
        }
    }

    private void open(AuditEntry entry) {
        log.details(entry.id()).ifPresent(details -> new EntryDialog(details).open());
    }

    private static String first(Map<String, List<String>> params, String name) {
        var values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
