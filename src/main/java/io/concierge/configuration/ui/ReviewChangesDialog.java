package io.concierge.configuration.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.shared.InvalidValueException;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * "Review changes": the diff between the current version and the pending edit, and the required comment,
 * before anything is saved. The save itself is the area's (its service validates); a conflict is shown
 * with a Reload action instead of overwriting anyone.
 */
public class ReviewChangesDialog extends Dialog {

    private final TextArea comment = new TextArea("Comment (why this change)");
    private final Button save = new Button("Save");
    private final Div problems = new Div();

    /**
     * @param currentJson the content of the version the editor was opened on (null when there is none)
     * @param pendingJson the edited content
     * @param saveAction  saves with the given comment and returns the new version
     * @param saved       called with the new version after a successful save
     * @param reload      called when the user chooses to reload after a conflict
     */
    public ReviewChangesDialog(String areaLabel, String currentJson, String pendingJson,
                               Function<String, ConfigVersion> saveAction, Consumer<ConfigVersion> saved,
                               Runnable reload) {
        setHeaderTitle("Review changes to " + areaLabel.toLowerCase());
        setWidth("min(60rem, 95vw)");
        var diff = new DiffList();
        var changes = diff.show(currentJson, pendingJson);
        comment.setWidthFull();
        comment.setRequired(true);
        comment.setMaxLength(ConfigurationStore.MAX_COMMENT);
        comment.setHelperText("Required; shown in the history next to your name.");
        add(diff, comment, problems);

        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setEnabled(!changes.isEmpty());
        save.addClickListener(e -> {
            problems.removeAll();
            if (comment.getValue().isBlank()) {
                comment.setErrorMessage("A short comment saying why is required.");
                comment.setInvalid(true);
                return;
            }
            try {
                var version = saveAction.apply(comment.getValue());
                close();
                saved.accept(version);
            } catch (ConfigurationConflictException conflict) {
                save.setEnabled(false);
                problems.add(new ConflictNotice(conflict, () -> {
                    close();
                    reload.run();
                }));
            } catch (InvalidValueException invalid) {
                if ("comment".equals(invalid.field())) {
                    comment.setErrorMessage(invalid.getMessage());
                    comment.setInvalid(true);
                } else {
                    var message = new Paragraph(invalid.getMessage());
                    message.getStyle().set("color", "var(--lumo-error-text-color)");
                    problems.add(message);
                }
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}
