package io.concierge.configuration.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.configuration.Submission;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.ui.Notifications;

import java.util.List;

/**
 * The history of one tenant's area: every version with its author, time and comment; any two versions
 * compared in the area's own words; and, for users who may edit, "Restore this version" (a new version with the
 * old content, checked against today's rules).
 */
public class HistoryDialog extends Dialog {

    private final ConfigurationAreas areas;
    private final AreaDefinition<?> area;
    private final TenantId tenant;
    private final Runnable restored;

    private final Grid<ConfigVersion> versions = new Grid<>();
    private final Select<ConfigVersion> from = new Select<>();
    private final Select<ConfigVersion> to = new Select<>();
    private final DiffList diff = new DiffList();
    private final Button restore = new Button("Restore this version");
    private final Div restorePanel = new Div();
    private List<ConfigVersion> history = List.of();

    /**
     * @param canEdit  whether the user may restore; without it no restore control exists at all
     * @param restored called after a successful restore so the editor behind can reload
     */
    public HistoryDialog(ConfigurationAreas areas, AreaDefinition<?> area, TenantId tenant, boolean canEdit,
                         Runnable restored) {
        this.areas = areas;
        this.area = area;
        this.tenant = tenant;
        this.restored = restored;
        setHeaderTitle("History of " + area.area().label().toLowerCase());
        setWidth("min(70rem, 95vw)");

        versions.addColumn(v -> "v" + v.version()).setHeader("Version").setKey("version").setAutoWidth(true);
        versions.addColumn(ConfigVersion::author).setHeader("Author").setKey("author").setAutoWidth(true);
        versions.addColumn(v -> Versions.time(v.createdAt())).setHeader("Time (UTC)").setKey("time").setAutoWidth(true);
        versions.addColumn(ConfigVersion::comment).setHeader("Comment").setKey("comment").setFlexGrow(1);
        versions.addColumn(Versions::origin).setHeader("Origin").setKey("origin").setAutoWidth(true);
        versions.addThemeVariants(GridVariant.LUMO_COMPACT);
        versions.setHeight("14em");
        versions.asSingleSelect().addValueChangeListener(e -> selected(e.getValue()));

        from.setLabel("Compare version");
        to.setLabel("with version");
        from.setItemLabelGenerator(v -> "v" + v.version() + " · " + v.author());
        to.setItemLabelGenerator(v -> "v" + v.version() + " · " + v.author());
        from.addValueChangeListener(e -> compare());
        to.addValueChangeListener(e -> compare());
        var pickers = new HorizontalLayout(from, to);
        pickers.setAlignItems(FlexComponent.Alignment.BASELINE);

        add(versions, pickers, diff);
        if (canEdit) {
            restore.setEnabled(false);
            restore.addClickListener(e -> askForComment(versions.asSingleSelect().getValue()));
            add(restore, restorePanel);
        }
        getFooter().add(new Button("Close", e -> close()));
        reload();
    }

    /** Reads the history again (after a restore or a conflict). */
    public void reload() {
        history = areas.history(tenant, area.area());
        versions.setItems(history);
        from.setItems(history);
        to.setItems(history);
        restorePanel.removeAll();
        if (history.isEmpty()) {
            diff.show(List.of());
            return;
        }
        to.setValue(history.get(0));
        from.setValue(history.size() > 1 ? history.get(1) : history.get(0));
    }

    private void selected(ConfigVersion version) {
        restorePanel.removeAll();
        if (version == null) {
            restore.setEnabled(false);
            return;
        }
        // Comparing the picked version with the current one shows exactly what restoring it would change.
        from.setValue(history.get(0));
        to.setValue(version);
        restore.setEnabled(version.version() != history.get(0).version());
    }

    private void compare() {
        if (from.getValue() != null && to.getValue() != null) {
            diff.show(areas.changes(tenant, area.area(), from.getValue().version(), to.getValue().version()));
        }
    }

    private void askForComment(ConfigVersion version) {
        if (version == null) {
            return;
        }
        var expected = history.get(0).version();
        restorePanel.removeAll();
        var comment = new CommentField("Why restore v" + version.version() + "?");
        var problems = new Div();
        var confirm = new Button("Restore v" + version.version() + " as a new version");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickListener(e -> {
            problems.removeAll();
            if (!comment.given()) {
                return;
            }
            try {
                var submission = areas.submitRestore(area, tenant, version.version(), expected, comment.getValue());
                if (submission instanceof Submission.Saved saved) {
                    Notifications.success("Restored v" + version.version() + " as v" + saved.version().version() + ".");
                } else if (submission instanceof Submission.Proposed proposed) {
                    ReviewChangesDialog.proposed(proposed);
                }
                reload();
                restored.run();
            } catch (ConfigurationConflictException conflict) {
                confirm.setEnabled(false);
                problems.add(new ConflictNotice(conflict, () -> {
                    reload();
                    restored.run();
                }));
            } catch (InvalidValueException invalid) {
                if (!comment.takes(invalid)) {
                    problems.add(new ErrorText(invalid.getMessage()));
                }
            }
        });
        restorePanel.add(new H4("Restore v" + version.version()), comment, confirm, problems);
    }
}
