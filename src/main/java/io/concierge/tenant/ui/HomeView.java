package io.concierge.tenant.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.concierge.security.TenantAccess;
import jakarta.annotation.security.PermitAll;

/** Sends each persona to where they work: a partner admin to their own tenant, staff to the tenants list. */
@Route("")
@Menu(title = "Home", order = 0)
@PermitAll
class HomeView extends Div implements BeforeEnterObserver {

    private final TenantAccess access;

    HomeView(TenantAccess access) {
        this.access = access;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var user = access.current();
        if (user.isPresent() && user.get().tenantSlug() != null) {
            event.forwardTo(TenantView.class, TenantView.params(user.get().tenantSlug().value()));
        } else {
            event.forwardTo(TenantsView.class);
        }
    }
}
