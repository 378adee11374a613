package io.concierge.provisioning.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.concierge.provisioning.ProvisioningRuns;
import io.concierge.provisioning.SchemaCheck;
import io.concierge.provisioning.SchemaChecks;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.shared.ui.TenantPanel;

import java.util.Optional;

/** Shows on the tenant page whether its schema still matches the template, privileges included, and what drifted. */
@org.springframework.stereotype.Component
class SchemaCheckPanel implements TenantPanel {

    private final SchemaChecks checks;
    private final ProvisioningRuns runs;

    SchemaCheckPanel(SchemaChecks checks, ProvisioningRuns runs) {
        this.checks = checks;
        this.runs = runs;
    }

    @Override
    public int order() {
        return 11;
    }

    @Override
    public Optional<Component> create(TenantId tenant, TenantSlug slug, Runnable tenantChanged) {
        if (!runs.canRead(tenant)) {
            return Optional.empty();
        }
        var card = new VerticalLayout();
        card.setPadding(false);
        card.addClassName("schema-check");
        var result = new Paragraph();
        var differences = new Pre();
        Runnable check = () -> {
            var outcome = checks.check(tenant);
            result.setText(outcome.summary());
            result.getElement().setAttribute("data-result", outcome.result().name());
            result.getStyle().set("color", outcome.result() == SchemaCheck.Result.DRIFTED
                    ? "var(--lumo-error-text-color)" : null);
            differences.setText(String.join("\n", outcome.differences()));
            differences.setVisible(!outcome.differences().isEmpty());
        };
        var again = new Button("Check schema again", e -> check.run());
        again.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        check.run();
        card.add(new H3("Schema check"), result, differences, again);
        return Optional.of(card);
    }
}
