package io.concierge.onboarding.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.concierge.onboarding.ChecklistItem;
import io.concierge.onboarding.OnboardingService;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.shared.ui.TenantPanel;

import java.util.Optional;

/** The first card on a tenant's page: what still stands between the tenant and go-live. */
@org.springframework.stereotype.Component
class ChecklistPanel implements TenantPanel {

    private final OnboardingService onboarding;

    ChecklistPanel(OnboardingService onboarding) {
        this.onboarding = onboarding;
    }

    @Override
    public int order() {
        return 5;
    }

    @Override
    public Optional<Component> create(TenantId tenant, TenantSlug slug, Runnable tenantChanged) {
        var checklist = onboarding.checklist(tenant);
        var card = new Div(new H3("Go-live checklist · " + checklist.progress()));
        card.addClassName("concierge-card");
        card.setWidthFull();
        checklist.items().forEach(item -> card.add(row(item)));
        return Optional.of(card);
    }

    private static HorizontalLayout row(ChecklistItem item) {
        var state = new Span(switch (item.state()) {
            case DONE -> "Done";
            case OPEN -> "To do";
            case UNKNOWN -> "Unknown";
        });
        state.getElement().getThemeList().add(switch (item.state()) {
            case DONE -> "badge success";
            case OPEN -> "badge contrast";
            case UNKNOWN -> "badge";
        });
        state.setWidth("5.5rem");
        var detail = new Span(item.detail());
        detail.addClassName("concierge-user");
        var row = new HorizontalLayout(state, new Anchor(item.link(), item.label()), detail);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.addClassName("checklist-" + item.key());
        return row;
    }
}
