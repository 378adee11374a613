package io.concierge.configuration.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.concierge.configuration.ConfigDiff;
import io.concierge.configuration.FieldChange;

import java.util.List;

/** The readable differences between two contents: one row per field, or per added or removed value. */
public class DiffList extends VerticalLayout {

    private final Paragraph summary = new Paragraph();
    private final Grid<FieldChange> grid = new Grid<>();
    private List<FieldChange> changes = List.of();

    public DiffList() {
        setPadding(false);
        grid.addColumn(FieldChange::path).setHeader("What").setKey("path").setAutoWidth(true).setFlexGrow(2);
        grid.addColumn(c -> c.before() == null ? "–" : c.before()).setHeader("Before").setKey("before").setFlexGrow(1);
        grid.addColumn(c -> c.after() == null ? "–" : c.after()).setHeader("After").setKey("after").setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setPartNameGenerator(c -> switch (c.kind()) {
            case ADDED -> "diff-added";
            case REMOVED -> "diff-removed";
            case CHANGED -> "diff-changed";
        });
        grid.setHeight("18em");
        add(summary, grid);
    }

    /** Shows what changes from {@code before} to {@code after} (either may be null: nothing). */
    public List<FieldChange> show(String before, String after) {
        return show(ConfigDiff.between(before, after));
    }

    /** Shows changes an area worked out itself (for example with labels, see {@link ConfigDiff#labelled}). */
    public List<FieldChange> show(List<FieldChange> shown) {
        changes = shown;
        summary.setText(changes.isEmpty() ? "No differences."
                : changes.size() == 1 ? "1 change:" : changes.size() + " changes:");
        grid.setItems(changes);
        grid.setVisible(!changes.isEmpty());
        return changes;
    }

    public List<FieldChange> changes() {
        return changes;
    }
}
