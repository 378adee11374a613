package io.concierge.changes.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.concierge.changes.ChangeRequest;
import io.concierge.changes.ChangeRequests;
import io.concierge.security.Role;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;

/** The inbox: requests waiting for my review, and my own requests that are not finished. */
@Route("changes")
@PageTitle("Change requests · Concierge")
@Menu(title = "Change requests", order = 45)
@RolesAllowed({Role.Names.OPERATOR, Role.Names.PARTNER_ADMIN})
class ChangeInboxView extends VerticalLayout {

    ChangeInboxView(ChangeRequests requests) {
        add(new H2("Change requests"));
        section("Waiting for my review", requests.waitingForMyReview(), "Nothing waits for your review.",
                "concierge-inbox-review");
        section("My open requests", requests.myOpenRequests(), "You have no open requests.", "concierge-inbox-mine");
    }

    private void section(String title, List<ChangeRequest> list, String empty, String className) {
        var heading = new H3(title + " (" + list.size() + ")");
        heading.addClassName(className);
        add(heading);
        if (list.isEmpty()) {
            add(new Paragraph(empty));
        } else {
            var grid = new ChangeGrid(list);
            grid.addClassName(className);
            add(grid);
        }
    }
}
