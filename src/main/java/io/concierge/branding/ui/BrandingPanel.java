package io.concierge.branding.ui;

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

/** On the tenant page: the way into the tenant's branding editor. */
@org.springframework.stereotype.Component
class BrandingPanel implements TenantPanel {

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Optional<Component> create(TenantId tenant, TenantSlug slug, Runnable tenantChanged) {
        var link = new RouterLink("Branding", BrandingView.class, new RouteParameters("slug", slug.value()));
        var hint = new Span("Logo, colours and fonts of the investor app, with a live preview.");
        hint.addClassName("concierge-user");
        var row = new HorizontalLayout(link, hint);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return Optional.of(row);
    }
}
