package io.concierge.access.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.ui.Versions;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.shared.ui.TenantPanel;

import java.util.Optional;

/** The tenant page's "Configuration" card: each area, where to edit it, and its current version. */
@org.springframework.stereotype.Component
class ConfigurationPanel implements TenantPanel {

    private final ConfigurationAreas areas;

    ConfigurationPanel(ConfigurationAreas areas) {
        this.areas = areas;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Optional<Component> create(TenantId tenant, TenantSlug slug, Runnable tenantChanged) {
        var card = new Div(new H3("Configuration"));
        card.addClassName("concierge-card");
        card.setWidthFull();
        for (var area : ConfigArea.values()) {
            var link = new Anchor("tenants/" + slug.value() + "/" + area.key(), area == ConfigArea.ACCESS
                    ? "Roles & permissions" : area.label());
            var state = new Span(areas.currentVersion(tenant, area).map(Versions::describe).orElse("not set yet"));
            state.addClassName("concierge-user");
            var hint = new Span(hint(area));
            hint.addClassName("concierge-user");
            var row = new HorizontalLayout(link, hint, state);
            row.setAlignItems(FlexComponent.Alignment.BASELINE);
            row.setWrap(true);
            card.add(row);
        }
        return Optional.of(card);
    }

    /** What each editor is for, so the link says more than the area's name. */
    private static String hint(ConfigArea area) {
        return switch (area) {
            case BRANDING -> "Logo, colours and fonts of the investor app, with a live preview.";
            case RULES -> "Asset classes, order limits, SIPs, restricted tickers and trading hours.";
            case ACCESS -> "Roles of the partner's staff and the permissions each role grants.";
        };
    }
}
