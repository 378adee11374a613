package io.concierge.bundles.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.bundles.BundleService;
import io.concierge.bundles.ImportPlan;
import io.concierge.bundles.ImportResult;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.ui.ConflictNotice;
import io.concierge.configuration.ui.DiffList;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.Notifications;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The plan of an import, area by area as each area tells its changes, and Apply: every changed area at once, as
 * new versions (or change requests where an area needs approval), or none when anything was saved since the plan.
 */
class ImportDialog extends Dialog {

    final Paragraph summary = new Paragraph();
    final TextField comment = new TextField("Comment (optional)");
    final Button apply = new Button();
    final Div problems = new Div();

    ImportDialog(BundleService bundles, ImportPlan plan, Runnable imported) {
        var target = plan.target().slug().value();
        setHeaderTitle("Import into " + target);
        setWidth("min(60rem, 95vw)");
        var changed = plan.areas().stream().filter(ImportPlan.AreaPlan::changed).count();
        var policies = plan.policies().stream().filter(ImportPlan.PolicyPlan::changed).toList();
        var what = policies.isEmpty() ? count(changed, "area", "areas")
                : (changed == 0 ? "" : count(changed, "area", "areas") + " and ")
                + count(policies.size(), "approval policy", "approval policies");
        summary.setText(plan.nothingToDo() ? "Nothing to import: " + target + " has this configuration already."
                : "The bundle" + (plan.bundle().sourceTenant() == null ? "" : " of " + plan.bundle().sourceTenant())
                + " changes " + what + " of " + target + ".");
        add(summary);
        if (!policies.isEmpty()) {
            add(new H4("Approval policies"));
            var diff = new DiffList();
            diff.addClassName("bundle-diff-policies");
            diff.show(policies.stream().map(ImportPlan.PolicyPlan::change).toList());
            add(diff);
            if (policies.stream().anyMatch(ImportPlan.PolicyPlan::needsApproval)) {
                add(new Paragraph("Lowering a policy opens a change request another operator must approve; until "
                        + "then the current policy holds. Raising one applies at once, before the areas below."));
            }
        }
        for (var area : plan.areas()) {
            add(new H4(area.area().label() + (area.changed() ? "" : ": unchanged")));
            if (area.changed()) {
                var diff = new DiffList();
                diff.addClassName("bundle-diff-" + area.area().key());
                diff.show(area.changes());
                add(diff);
            }
        }
        comment.setWidthFull();
        comment.setMaxLength(ConfigurationStore.MAX_COMMENT);
        comment.setPlaceholder("Imported from a bundle" + (plan.bundle().sourceTenant() == null ? ""
                : " of tenant '" + plan.bundle().sourceTenant() + "'"));
        add(comment, problems);
        apply.setText("Apply " + what);
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setEnabled(!plan.nothingToDo());
        apply.addClickListener(e -> {
            problems.removeAll();
            try {
                var result = bundles.apply(plan, comment.getValue());
                close();
                Notifications.success("Imported into " + target + ". " + Stream.concat(
                        result.policies().stream().map(ImportResult.PolicyOutcome::describe),
                        result.areas().stream().filter(a -> a.submission() != null)
                                .map(ImportResult.AreaOutcome::describe)).collect(Collectors.joining("; ")));
                imported.run();
            } catch (ConfigurationConflictException conflict) {
                apply.setEnabled(false);
                problems.add(new ConflictNotice(conflict, this::close));
                problems.add(new Paragraph("Nothing was imported. Upload the bundle again to plan against the "
                        + "current versions."));
            } catch (InvalidValueException invalid) {
                problems.add(new Paragraph(invalid.getMessage()));
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), apply);
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
