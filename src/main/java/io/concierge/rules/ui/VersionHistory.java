package io.concierge.rules.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.concierge.configuration.ConfigVersion;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

/**
 * The saved versions of an area, newest first, with "restore" for editors. Minimal stand-in for the shared
 * history dialog of io.concierge.configuration.ui, which will replace it.
 */
class VersionHistory extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    final Grid<ConfigVersion> grid = new Grid<>();
    private Button restore;
    private long current;

    /** @param onRestore null when the user may not restore: the button is then absent. */
    VersionHistory(Consumer<ConfigVersion> onRestore) {
        setPadding(false);
        add(new H3("History"));
        grid.addColumn(v -> v.version() + (v.restoredFrom() == null ? "" : " (restored from " + v.restoredFrom() + ")"))
                .setHeader("Version").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(v -> TIME.format(v.createdAt())).setHeader("Saved (UTC)").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(ConfigVersion::author).setHeader("By").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(ConfigVersion::comment).setHeader("Comment");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        add(grid);
        if (onRestore != null) {
            restore = new Button("Restore selected version…", e -> grid.asSingleSelect().getOptionalValue()
                    .ifPresent(onRestore));
            restore.setEnabled(false);
            grid.asSingleSelect().addValueChangeListener(e -> restore.setEnabled(e.getValue() != null
                    && e.getValue().version() != current));
            add(restore);
        }
    }

    void show(List<ConfigVersion> versions) {
        current = versions.isEmpty() ? 0 : versions.get(0).version();
        grid.setItems(versions);
        setVisible(!versions.isEmpty());
    }
}
