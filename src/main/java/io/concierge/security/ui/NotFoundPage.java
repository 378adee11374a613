package io.concierge.security.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.concierge.security.TenantAccess;
import io.concierge.shared.ui.MainLayout;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An unknown address, inside the console's frame, never Vaadin's route list. In production mode Vaadin's
 * router reports a page refused by its roles as "not found"; such a page gets the same refusal page (and the
 * same audit entry) as in development mode, so the demo and production behave alike.
 */
@ParentLayout(MainLayout.class)
@PageTitle("No such page · Concierge")
@AnonymousAllowed
public class NotFoundPage extends ErrorPage implements HasErrorParameter<NotFoundException> {

    private final transient PageRefusals refusals;

    NotFoundPage(TenantAccess access) {
        this.refusals = new PageRefusals(access);
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        if (refusals.recordIfRefusedByRoles(event.getLocation().getPath())) {
            show(NO_ACCESS, NO_ACCESS_TEXT);
            return HttpServletResponse.SC_FORBIDDEN;
        }
        var message = parameter.hasCustomMessage() ? parameter.getCustomMessage() : "";
        show("No such page", (message.startsWith("No ") ? message + " "
                : "There is no page at '/" + event.getLocation().getPath() + "'. ")
                + "Check the address, or start again from the home page.");
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
