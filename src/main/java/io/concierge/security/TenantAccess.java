package io.concierge.security;

import io.concierge.security.internal.ConsolePrincipal;
import io.concierge.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Optional;

/**
 * Who may read or change which tenant. Checks come in pairs, as in Keycloak: {@code canX} lets a view hide
 * what the user may not do, {@code requireX} is what services call to enforce it. Every refusal is
 * published as {@link AccessRefused} so it lands in the audit history.
 */
@Service
public class TenantAccess {

    private final ApplicationEventPublisher events;

    TenantAccess(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** The signed-in user (or the system actor in background work), if any. */
    public Optional<CurrentUser> current() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof ConsolePrincipal principal) {
            return Optional.of(principal.user());
        }
        return Optional.empty();
    }

    /** The acting user's name for audit and version records. */
    public String actorName() {
        return current().map(CurrentUser::username).orElse("anonymous");
    }

    public boolean isOperator() {
        return current().map(u -> u.is(Role.OPERATOR)).orElse(false);
    }

    /** Operators and auditors read every tenant; a partner admin reads only their own. */
    public boolean canRead(TenantId tenant) {
        return current().map(u -> switch (u.role()) {
            case OPERATOR, AUDITOR -> true;
            case PARTNER_ADMIN -> tenant != null && tenant.equals(u.tenant());
        }).orElse(false);
    }

    /** Operators change every tenant's configuration; a partner admin only their own; auditors nothing. */
    public boolean canEdit(TenantId tenant) {
        return current().map(u -> switch (u.role()) {
            case OPERATOR -> true;
            case PARTNER_ADMIN -> tenant != null && tenant.equals(u.tenant());
            case AUDITOR -> false;
        }).orElse(false);
    }

    /** Reads across all tenants (lists, fleet views, the full audit log). */
    public boolean canReadAll() {
        return current().map(u -> u.role() != Role.PARTNER_ADMIN).orElse(false);
    }

    public void requireRead(TenantId tenant, String target) {
        if (!canRead(tenant)) {
            refuse(tenant, target);
        }
    }

    public void requireEdit(TenantId tenant, String target) {
        if (!canEdit(tenant)) {
            refuse(tenant, target);
        }
    }

    public void requireReadAll(String target) {
        if (!canReadAll()) {
            refuse(null, target);
        }
    }

    public void requireOperator(String target) {
        if (!isOperator()) {
            refuse(null, target);
        }
    }

    /** Records the refusal and throws; never returns. */
    public void refuse(TenantId tenant, String target) {
        recordRefusal(tenant, target);
        throw new AccessDeniedException("You are not allowed to " + target + ".");
    }

    /** Records a refusal decided elsewhere (the router refusing a page by its roles), without throwing. */
    public void recordRefusal(TenantId tenant, String target) {
        var user = current();
        events.publishEvent(new AccessRefused(user.map(CurrentUser::username).orElse("anonymous"),
                user.map(CurrentUser::role).orElse(null), tenant, target, clientAddress()));
    }

    /** The address of the browser behind the current request, when there is one. */
    public static String clientAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
                ? attrs.getRequest().getRemoteAddr() : null;
    }
}
