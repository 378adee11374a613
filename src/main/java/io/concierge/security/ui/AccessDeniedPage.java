package io.concierge.security.ui;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.concierge.security.TenantAccess;
import io.concierge.shared.ui.MainLayout;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A refused page, inside the console's frame. Services refuse (and record) tenant access themselves; the
 * router's own refusals of a page by its roles are recorded here, so every refusal reaches the audit history.
 */
@ParentLayout(MainLayout.class)
@PageTitle("No access · Concierge")
@AnonymousAllowed
public class AccessDeniedPage extends ErrorPage implements HasErrorParameter<AccessDeniedException> {

    private final transient PageRefusals refusals;

    AccessDeniedPage(TenantAccess access) {
        this.refusals = new PageRefusals(access);
        show(NO_ACCESS, NO_ACCESS_TEXT);
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        refusals.recordIfRefusedByRoles(event.getLocation().getPath());
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
