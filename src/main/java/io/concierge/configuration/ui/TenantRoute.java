package io.concierge.configuration.ui;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.NotFoundException;

import java.util.Optional;
import java.util.function.Function;

/** How every area editor on a "tenants/:slug/…" route opens its tenant. */
public final class TenantRoute {

    private TenantRoute() {
    }

    /**
     * Opens the tenant the route's slug names through {@code opener} (an area service's or TenantService's
     * {@code open}). No such tenant reroutes to "not found"; a refusal (already recorded by the service) to
     * "access denied". Empty in both cases: the editor has nothing to show.
     */
    public static <T> Optional<T> open(BeforeEnterEvent event, Function<String, Optional<T>> opener) {
        var slug = event.getRouteParameters().get("slug").orElse("");
        try {
            var found = opener.apply(slug);
            if (found.isEmpty()) {
                event.rerouteToError(NotFoundException.class, "No tenant '" + slug + "'.");
            }
            return found;
        } catch (org.springframework.security.access.AccessDeniedException e) {
            event.rerouteToError(AccessDeniedException.class, e.getMessage());
            return Optional.empty();
        }
    }
}
