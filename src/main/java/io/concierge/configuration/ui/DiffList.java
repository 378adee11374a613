package io.concierge.configuration.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.concierge.configuration.FieldChange;

import java.util.List;

/** The readable differences between two contents: one row per field, or per added or removed value. */
public class DiffList extends VerticalLayout {

    private static final int FEW = 8;

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
        grid.addColumn(new ComponentRenderer<>(DiffList::thumbnails)).setHeader("Images").setKey("images")
                .setAutoWidth(true).setFlexGrow(0).setVisible(false);
        add(summary, grid);
    }

    /** Shows changes as an area describes them; changed images appear as thumbnails, before and after. */
    public List<FieldChange> show(List<FieldChange> shown) {
        changes = shown;
        summary.setText(changes.isEmpty() ? "No differences."
                : changes.size() == 1 ? "1 change:" : changes.size() + " changes:");
        grid.setItems(changes);
        grid.setVisible(!changes.isEmpty());
        // a few changes take the room they need; a long list scrolls in a grid of its own height
        var few = changes.size() <= FEW;
        grid.setAllRowsVisible(few);
        grid.setHeight(few ? null : "18em");
        grid.getColumnByKey("images").setVisible(changes.stream()
                .anyMatch(c -> c.beforeImage() != null || c.afterImage() != null));
        return changes;
    }

    private static Component thumbnails(FieldChange change) {
        var cell = new HorizontalLayout();
        cell.setAlignItems(FlexComponent.Alignment.CENTER);
        cell.setSpacing(false);
        if (change.beforeImage() == null && change.afterImage() == null) {
            return cell;
        }
        cell.add(thumbnail(change.beforeImage(), change.path() + " before"), new Span(" → "),
                thumbnail(change.afterImage(), change.path() + " after"));
        return cell;
    }

    private static Component thumbnail(String dataUrl, String alt) {
        if (dataUrl == null) {
            return new Span("none");
        }
        var image = new Image(dataUrl, alt);
        image.setHeight("32px");
        image.addClassName("concierge-diff-thumbnail");
        return image;
    }

    public List<FieldChange> changes() {
        return changes;
    }
}
