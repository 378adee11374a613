package io.concierge.branding.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.concierge.branding.FieldChange;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.shared.InvalidValueException;

import java.util.List;
import java.util.function.Consumer;

/**
 * Shows what a save (or restore) changes against the current version and asks why, before anything is written.
 * Kept minimal on purpose: it is to be replaced by the shared review dialog of io.concierge.configuration.ui.
 */
class ReviewChangesDialog extends Dialog {

    final TextArea comment = new TextArea("Comment (why this change?)");
    final Button confirm;

    /**
     * @param action runs with the comment; it closes nothing itself. A refusal of the comment is shown on the
     *               comment field; any other exception is left to the caller's handling.
     */
    ReviewChangesDialog(String title, String confirmText, List<FieldChange> changes, Consumer<String> action) {
        setHeaderTitle(title);
        setWidth("min(760px, 95vw)");
        var grid = new Grid<FieldChange>();
        grid.addColumn(FieldChange::field).setHeader("Field").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(FieldChange::before).setHeader("Current");
        grid.addColumn(FieldChange::after).setHeader("New");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setItems(changes);
        grid.setAllRowsVisible(true);
        add(new Paragraph(changes.size() == 1 ? "1 field changes:" : changes.size() + " fields change:"), grid);

        comment.setWidthFull();
        comment.setRequired(true);
        comment.setMaxLength(ConfigurationStore.MAX_COMMENT);
        comment.setValueChangeMode(ValueChangeMode.EAGER);
        add(comment);

        confirm = new Button(confirmText, e -> {
            try {
                action.accept(comment.getValue());
                close();
            } catch (InvalidValueException ex) {
                if (!"comment".equals(ex.field())) {
                    close();
                    throw ex;
                }
                comment.setErrorMessage(ex.getMessage());
                comment.setInvalid(true);
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setEnabled(false);
        comment.addValueChangeListener(e -> confirm.setEnabled(!e.getValue().isBlank()));
        getFooter().add(new Button("Cancel", e -> close()), confirm);
    }
}
