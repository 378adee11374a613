package io.concierge.configuration.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.configuration.FieldChange;
import io.concierge.configuration.Submission;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.Notifications;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * "Review changes": the diff between the current version and the pending edit, and the required comment,
 * before anything is saved. The save itself is the area's (its service validates); a conflict is shown
 * with a Reload action instead of overwriting anyone.
 */
public class ReviewChangesDialog extends Dialog {

    private final CommentField comment = new CommentField("Comment (why this change?)");
    private final Button save = new Button("Save");
    private final Div problems = new Div();

    /**
     * Opens the review of an edit, or, when it changes nothing against the version the editor was opened on, says
     * so instead: an empty review would only offer a disabled Save.
     *
     * @param refused shows a refusal of the content itself (not of the comment) on the editor's field
     */
    public static void review(ConfigArea area, long baseVersion, List<FieldChange> changes,
                              Function<String, Submission> saveAction, Runnable reload,
                              Consumer<InvalidValueException> refused) {
        if (changes.isEmpty()) {
            Notifications.error("Nothing to save: nothing differs from version " + baseVersion + ".");
            return;
        }
        new ReviewChangesDialog(area, changes, saveAction, reload, refused).open();
    }

    /**
     * @param changes    what the save changes, as the area describes it
     * @param saveAction submits with the given comment: a new version, or a change request where the area needs
     *                   approval
     * @param reload     called after a successful save (which is announced here), and when the user chooses to
     *                   reload after a conflict
     * @param refused    called (after closing) when the save refused the content for a field of the form
     */
    public ReviewChangesDialog(ConfigArea area, List<FieldChange> changes, Function<String, Submission> saveAction,
                               Runnable reload, Consumer<InvalidValueException> refused) {
        setHeaderTitle("Review changes to " + area.label().toLowerCase());
        setWidth("min(60rem, 95vw)");
        var diff = new DiffList();
        diff.show(changes);
        comment.setHelperText("Required; shown in the history next to your name.");
        add(diff, comment, problems);

        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setEnabled(!changes.isEmpty());
        save.addClickListener(e -> {
            problems.removeAll();
            if (!comment.given()) {
                return;
            }
            try {
                var submission = saveAction.apply(comment.getValue());
                close();
                announce(area, submission);
                reload.run();
            } catch (ConfigurationConflictException conflict) {
                save.setEnabled(false);
                problems.add(new ConflictNotice(conflict, () -> {
                    close();
                    reload.run();
                }));
            } catch (InvalidValueException invalid) {
                if (comment.takes(invalid)) {
                    return;
                }
                if (invalid.field() != null) {
                    close();
                    refused.accept(invalid);
                } else {
                    problems.add(new ErrorText(invalid.getMessage()));
                }
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    /** A save (or restore) that became a change request: nothing is live yet; the link opens the request. */
    static void proposed(Submission.Proposed proposed) {
        Notifications.link(proposed.message(), "Open change request #" + proposed.request(),
                "changes/" + proposed.request());
    }

    /**
     * Tells the user what became of their save: "saved as version 3", or that it waits for approval as a change
     * request, with a link to it (nothing is live yet).
     */
    private static void announce(ConfigArea area, Submission submission) {
        if (submission instanceof Submission.Saved saved) {
            Notifications.success(area.label() + " saved as version " + saved.version().version() + ".");
        } else if (submission instanceof Submission.Proposed proposed) {
            proposed(proposed);
        }
    }
}
