package io.concierge.changes.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.changes.ApprovalPolicies;
import io.concierge.changes.ChangeRequests;
import io.concierge.configuration.ConfigArea;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.ui.Notifications;

import java.util.stream.IntStream;

/**
 * A tenant's open change requests, and how many approvals each of its areas needs. Operators change a policy here:
 * raising it applies at once, lowering it opens a request for another operator.
 */
class TenantChangesSection extends VerticalLayout {

    private final ChangeRequests requests;
    private final ApprovalPolicies policies;
    private final TenantId tenant;
    private final boolean operator;

    TenantChangesSection(ChangeRequests requests, ApprovalPolicies policies, TenantId tenant, boolean operator) {
        this.requests = requests;
        this.policies = policies;
        this.tenant = tenant;
        this.operator = operator;
        setPadding(false);
        addClassName("concierge-tenant-changes");
        render();
    }

    private void render() {
        removeAll();
        var pending = requests.pendingFor(tenant);
        add(new H3("Open change requests (" + pending.size() + ")"));
        if (pending.isEmpty()) {
            add(new Paragraph("No change waits for approval."));
        } else {
            add(new ChangeGrid(pending));
        }
        add(new H3("Approval policies"));
        var all = policies.all(tenant);
        for (var area : ConfigArea.values()) {
            var n = all.get(area);
            var line = new Paragraph(area.label() + ": " + (n == 0 ? "saved at once, no approval"
                    : n + " approval" + (n == 1 ? "" : "s") + " before a change goes live")
                    + (policies.isSet(tenant, area) ? "" : " (default)"));
            line.addClassName("concierge-policy-" + area.key());
            add(line);
        }
        if (operator) {
            add(policyForm());
        }
    }

    private HorizontalLayout policyForm() {
        var area = new Select<ConfigArea>();
        area.setLabel("Area");
        area.setItems(ConfigArea.values());
        area.setItemLabelGenerator(ConfigArea::label);
        area.setValue(ConfigArea.ACCESS);
        var approvals = new Select<Integer>();
        approvals.setLabel("Approvals needed");
        approvals.setItems(IntStream.rangeClosed(0, ApprovalPolicies.MAX_APPROVALS).boxed().toList());
        approvals.setValue(1);
        var comment = new TextField("Why");
        comment.setMaxLength(200);
        var set = new Button("Set policy", e -> {
            try {
                var change = policies.set(tenant, area.getValue(), approvals.getValue(), comment.getValue());
                Notifications.success(change.message());
                render();
            } catch (InvalidValueException invalid) {
                var field = "comment".equals(invalid.field()) ? comment : null;
                if (field != null) {
                    field.setErrorMessage(invalid.getMessage());
                    field.setInvalid(true);
                } else {
                    approvals.setErrorMessage(invalid.getMessage());
                    approvals.setInvalid(true);
                }
            }
        });
        var form = new HorizontalLayout(area, approvals, comment, set);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.addClassName("concierge-policy-form");
        return form;
    }
}
