package io.concierge.changes.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import io.concierge.changes.ChangeRequest;
import io.concierge.shared.ui.Times;

import java.util.List;

/** A list of change requests; a click opens one. */
class ChangeGrid extends Grid<ChangeRequest> {

    ChangeGrid(List<ChangeRequest> requests) {
        addColumn(r -> "#" + r.id()).setHeader("Request").setKey("id").setAutoWidth(true).setFlexGrow(0);
        addColumn(r -> r.slug().value()).setHeader("Tenant").setKey("tenant").setAutoWidth(true);
        addColumn(r -> r.kind() == io.concierge.changes.ChangeKind.POLICY ? "Approval policy: " + r.area().label()
                : r.area().label()).setHeader("Area").setKey("area").setAutoWidth(true);
        addColumn(r -> r.state().label()).setHeader("State").setKey("state").setAutoWidth(true);
        addColumn(r -> r.approvals() + " of " + r.requiredApprovals()).setHeader("Approvals").setKey("approvals")
                .setAutoWidth(true);
        addColumn(ChangeRequest::author).setHeader("Author").setKey("author").setAutoWidth(true);
        addColumn(ChangeRequest::comment).setHeader("Comment").setKey("comment").setFlexGrow(1)
                .setTooltipGenerator(ChangeRequest::comment);
        addColumn(r -> Times.format(r.updatedAt())).setHeader("Updated (UTC)").setKey("updated").setAutoWidth(true);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(true);
        setItems(requests);
        addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(e.getItem().link())));
    }
}
