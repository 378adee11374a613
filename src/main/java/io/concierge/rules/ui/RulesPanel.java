package io.concierge.rules.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.shared.ui.TenantPanel;

import java.util.Optional;

/** On the tenant page: the way into the tenant's investment rules editor. */
@org.springframework.stereotype.Component
class RulesPanel implements TenantPanel {

    @Override
    public int order() {
        return 41;
    }

    @Override
    public Optional<Component> create(TenantId tenant, TenantSlug slug, Runnable tenantChanged) {
        var link = new RouterLink("Investment rules", RulesView.class, new RouteParameters("slug", slug.value()));
        var hint = new Span("Asset classes, order limits, SIPs, restricted tickers and trading hours.");
        hint.addClassName("concierge-user");
        var row = new HorizontalLayout(link, hint);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return Optional.of(row);
    }
}
