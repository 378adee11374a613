package io.concierge.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import io.concierge.security.ApiTokenSummary;
import io.concierge.shared.ui.Times;

import java.util.function.Function;

/** API tokens as both the account page and the service accounts view list them: never a secret. */
final class TokenGrid extends Grid<ApiTokenSummary> {

    TokenGrid(Function<ApiTokenSummary, Component> actions) {
        addColumn(ApiTokenSummary::name).setHeader("Name").setAutoWidth(true);
        addColumn(ApiTokenSummary::hint).setHeader("Token begins").setAutoWidth(true);
        addColumn(t -> t.status().label()).setHeader("State").setKey("state");
        addColumn(t -> Times.format(t.expiresAt())).setHeader("Expires").setAutoWidth(true);
        addColumn(t -> t.lastUsedAt() == null ? "never" : Times.format(t.lastUsedAt()) + " from "
                + t.lastUsedAddress()).setHeader("Last used").setKey("last-used").setAutoWidth(true);
        addComponentColumn(actions::apply).setHeader("Actions").setKey("actions").setAutoWidth(true);
        setAllRowsVisible(true);
    }
}
