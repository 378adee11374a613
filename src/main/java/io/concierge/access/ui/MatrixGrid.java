package io.concierge.access.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.shared.Tooltip;
import com.vaadin.flow.data.renderer.LitRenderer;
import io.concierge.access.AccessMatrix;
import io.concierge.access.Permission;
import io.concierge.access.PermissionCatalog;
import io.concierge.access.RoleGrant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The permission matrix: one row per scope (with a row per resource group and one for everything), one
 * column per role. Cells are Lit templates filled from two or three properties per row, never server-side
 * components, and the grid sends only the rows in view: 50 roles × 300 scopes stays a light page.
 */
class MatrixGrid extends Grid<MatrixRow> {

    static final String SCOPE_COLUMN = "scope";
    private static final String EDITABLE_CELL = "<vaadin-checkbox aria-label=\"${item.label}\" ?checked=${item.on} "
            + "?indeterminate=${item.some} @change=${toggle} title=\"${item.hint}\" style=\"${item.mark}\">"
            + "</vaadin-checkbox>";
    private static final String CHANGED_STYLE = "outline: 2px solid var(--lumo-warning-color, #E5A000); "
            + "outline-offset: 2px; border-radius: var(--lumo-border-radius-s)";
    private static final String READ_ONLY_CELL = "<span title=\"${item.label}\">${item.mark}</span>";

    private final PermissionCatalog catalog;
    private final Consumer<AccessMatrix> changed;
    private boolean editable;
    private AccessMatrix matrix;
    private final Map<String, Set<String>> granted = new HashMap<>();
    /** The saved grants: a cell whose state differs from them is highlighted until the matrix is saved. */
    private final Map<String, Set<String>> saved = new HashMap<>();
    private List<String> columnOrder = List.of();
    private String filter = "";

    MatrixGrid(PermissionCatalog catalog, Consumer<AccessMatrix> changed) {
        this.catalog = catalog;
        this.changed = changed;
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_COLUMN_BORDERS, GridVariant.LUMO_ROW_STRIPES);
        setColumnReorderingAllowed(false);
        setSelectionMode(SelectionMode.NONE);
        setSizeFull();
    }

    AccessMatrix matrix() {
        return matrix;
    }

    /** Cells become checkboxes (or marks only, read-only); the columns are rebuilt when this changes. */
    void setEditable(boolean value) {
        if (value != editable) {
            editable = value;
            columnOrder = List.of();
        }
    }

    /** Shows a saved matrix: the baseline edits are highlighted against. */
    void setSaved(AccessMatrix next) {
        saved.clear();
        next.roles().forEach(r -> saved.put(r.key(), new HashSet<>(r.scopes())));
        setMatrix(next);
    }

    /** Shows a matrix; columns are rebuilt only when the roles (not just their scopes) differ. */
    void setMatrix(AccessMatrix next) {
        matrix = next;
        granted.clear();
        next.roles().forEach(r -> granted.put(r.key(), new HashSet<>(r.scopes())));
        var order = next.roles().stream().map(r -> r.key() + "\u0000" + r.name()).toList();
        if (!order.equals(columnOrder)) {
            columnOrder = order;
            buildColumns();
        }
        setItems(rows());
    }

    void filter(String text) {
        filter = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        setItems(rows());
    }

    /**
     * What a click on a cell does, decided from the server's state as the checkbox itself does: a cell that
     * holds all its scopes revokes them, any other (none or some) grants them all.
     */
    void toggle(String roleKey, MatrixRow row) {
        if (!editable) {
            return;
        }
        var grant = state(roleKey, row) != CellState.ALL;
        matrix = matrix.withGrants(roleKey, row.scopes(), grant);
        var set = granted.get(roleKey);
        if (grant) {
            set.addAll(row.scopes());
        } else {
            row.scopes().forEach(set::remove);
        }
        getDataProvider().refreshAll();
        changed.accept(matrix);
    }

    enum CellState { ALL, SOME, NONE }

    CellState state(String roleKey, MatrixRow row) {
        var set = granted.getOrDefault(roleKey, Set.of());
        long held = row.scopes().stream().filter(set::contains).count();
        if (held == 0) {
            return CellState.NONE;
        }
        return held == row.scopes().size() ? CellState.ALL : CellState.SOME;
    }

    /** Whether the cell differs from the saved matrix (a new role's granted cells count as changed). */
    boolean changed(String roleKey, MatrixRow row) {
        var now = granted.getOrDefault(roleKey, Set.of());
        var before = saved.getOrDefault(roleKey, Set.of());
        return row.scopes().stream().anyMatch(s -> now.contains(s) != before.contains(s));
    }

    private void buildColumns() {
        removeAllColumns();
        addColumn(LitRenderer.<MatrixRow>of("<div style=\"font-weight:${item.weight};white-space:normal\" "
                        + "title=\"${item.description}\">${item.label}<div style=\"font-size:var(--lumo-font-size-xxs);"
                        + "color:var(--lumo-secondary-text-color);font-weight:normal\">${item.description}</div></div>")
                .withProperty("label", MatrixRow::label)
                .withProperty("description", MatrixRow::description)
                .withProperty("weight", r -> r.kind() == MatrixRow.Kind.SCOPE ? "normal" : "600"))
                .setHeader("Scope").setKey(SCOPE_COLUMN).setFrozen(true).setWidth("18rem").setFlexGrow(0);
        for (var role : matrix.roles()) {
            addColumn(cell(role)).setHeader(header(role)).setKey(columnKey(role.key()))
                    .setWidth("7.5rem").setFlexGrow(0).setTextAlign(ColumnTextAlign.CENTER);
        }
    }

    /** A role's column header: its name wraps rather than being cut, and the tooltip has the name and key. */
    private static Span header(RoleGrant role) {
        var name = new Span(role.name());
        name.addClassName("concierge-matrix-role");
        name.getStyle().set("white-space", "normal").set("overflow-wrap", "anywhere").set("line-height", "1.2")
                .set("display", "block");
        Tooltip.forComponent(name).setText(role.name() + " (" + role.key() + ")");
        return name;
    }

    static String columnKey(String roleKey) {
        return "role:" + roleKey;
    }

    private LitRenderer<MatrixRow> cell(RoleGrant role) {
        var key = role.key();
        var label = role.name() + ": ";
        if (!editable) {
            return LitRenderer.<MatrixRow>of(READ_ONLY_CELL)
                    .withProperty("label", r -> label + r.label())
                    .withProperty("mark", r -> switch (state(key, r)) {
                        case ALL -> "✓";
                        case SOME -> "partly";
                        case NONE -> "";
                    });
        }
        return LitRenderer.<MatrixRow>of(EDITABLE_CELL)
                .withProperty("label", r -> label + r.label() + (changed(key, r) ? " (changed, not saved)" : ""))
                .withProperty("hint", r -> changed(key, r) ? "Changed, not saved yet" : "")
                .withProperty("mark", r -> changed(key, r) ? CHANGED_STYLE : "")
                .withProperty("on", r -> state(key, r) == CellState.ALL)
                .withProperty("some", r -> state(key, r) == CellState.SOME)
                .withFunction("toggle", r -> toggle(key, r));
    }

    private List<MatrixRow> rows() {
        var rows = new ArrayList<MatrixRow>();
        var all = new ArrayList<String>();
        for (var group : catalog.groups().entrySet()) {
            var matching = group.getValue().stream().filter(this::matches).toList();
            if (matching.isEmpty()) {
                continue;
            }
            var scopes = matching.stream().map(Permission::scope).toList();
            all.addAll(scopes);
            rows.add(new MatrixRow(MatrixRow.Kind.GROUP, group.getKey() + " (all " + scopes.size() + ")",
                    "Every " + group.getKey() + " scope" + (filter.isEmpty() ? "" : " matching the search"), scopes));
            matching.forEach(p -> rows.add(new MatrixRow(MatrixRow.Kind.SCOPE, p.scope(), p.description(),
                    List.of(p.scope()))));
        }
        if (!all.isEmpty()) {
            rows.add(0, new MatrixRow(MatrixRow.Kind.ALL, filter.isEmpty() ? "All scopes" : "All matching scopes",
                    "Toggles the whole role", all));
        }
        return rows;
    }

    private boolean matches(Permission p) {
        return filter.isEmpty() || p.scope().contains(filter) || p.group().contains(filter)
                || p.description().toLowerCase(Locale.ROOT).contains(filter);
    }
}
