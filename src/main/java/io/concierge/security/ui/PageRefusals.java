package io.concierge.security.ui;

import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import io.concierge.security.TenantAccess;

/**
 * Tells a page the router refused by its roles ({@code @RolesAllowed}) from one that does not exist or one a
 * service refused (services record their own refusals), and records the former.
 */
final class PageRefusals {

    private static final AccessAnnotationChecker ROLES = new AccessAnnotationChecker();

    private final TenantAccess access;

    PageRefusals(TenantAccess access) {
        this.access = access;
    }

    /** True (and the refusal recorded) when a page exists at the path and the user's roles may not open it. */
    boolean recordIfRefusedByRoles(String path) {
        var target = RouteConfiguration.forSessionScope().getRoute(path);
        if (target.isEmpty() || ROLES.hasAccess(target.get())) {
            return false;
        }
        access.recordRefusal(null, "open page '/" + path + "'");
        return true;
    }
}
