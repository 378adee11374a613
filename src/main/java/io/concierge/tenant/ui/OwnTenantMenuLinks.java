package io.concierge.tenant.ui;

import io.concierge.security.Role;
import io.concierge.security.TenantAccess;
import io.concierge.shared.ui.MenuLinks;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A partner admin's menu leads straight to their tenant and its three configuration areas, instead of only the home
 * page's "Open your tenant".
 */
@Component
class OwnTenantMenuLinks implements MenuLinks {

    private final TenantAccess access;

    OwnTenantMenuLinks(TenantAccess access) {
        this.access = access;
    }

    @Override
    public List<Link> links() {
        return access.current().filter(u -> u.role() == Role.PARTNER_ADMIN && u.tenantSlug() != null).map(u -> {
            var base = "tenants/" + u.tenantSlug().value();
            return List.of(new Link("Your tenant", base), new Link("Branding", base + "/branding"),
                    new Link("Investment rules", base + "/rules"), new Link("Roles & permissions", base + "/access"));
        }).orElse(List.of());
    }
}
