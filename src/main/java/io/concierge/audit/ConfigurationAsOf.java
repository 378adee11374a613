package io.concierge.audit;

import io.concierge.access.AccessService;
import io.concierge.audit.ScopeHolders.RoleGrant;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.FieldChange;
import io.concierge.shared.InvalidValueException;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's configuration as it was at a chosen moment, and who could exercise a scope then. Reading goes
 * through the tenant and configuration services, so a partner admin is refused every tenant but their own.
 */
@Service
@Transactional(readOnly = true)
public class ConfigurationAsOf {

    private final TenantService tenants;
    private final ConfigurationAreas areas;
    private final AccessService access;

    ConfigurationAsOf(TenantService tenants, ConfigurationAreas areas, AccessService access) {
        this.tenants = tenants;
        this.areas = areas;
        this.access = access;
    }

    /** The version of the area that was current at {@code at}, if the area had been saved by then. */
    public Optional<ConfigVersion> asOf(String tenantSlug, ConfigArea area, Instant at) {
        if (area == null) {
            throw new InvalidValueException("area", "Choose an area.");
        }
        return areas.versionAsOf(tenant(tenantSlug).id(), area, required(at));
    }

    /** The roles whose scopes contained {@code scope} at {@code at}: the matrix of that moment, read by access. */
    public ScopeHolders whoCould(String tenantSlug, String scope, Instant at) {
        var wanted = scope == null ? "" : scope.trim();
        if (wanted.isEmpty()) {
            throw new InvalidValueException("scope", "Enter a scope, for example orders:create.");
        }
        if (wanted.length() > 100) {
            throw new InvalidValueException("scope", "A scope is at most 100 characters.");
        }
        var tenant = tenant(tenantSlug);
        var then = access.asOf(tenant.slug().value(), required(at));
        if (then.isEmpty()) {
            return new ScopeHolders(tenant.slug().value(), wanted, at, null, null, List.of());
        }
        var matrix = then.get().matrix();
        var grants = matrix.whoCan(wanted).stream().map(r -> new RoleGrant(r.key(), r.name() == null ? r.key() : r.name()))
                .toList();
        return new ScopeHolders(tenant.slug().value(), wanted, at, then.get().version().version(),
                matrix.catalogVersion(), grants);
    }

    /** Every field of a version as its area labels it (what a read-only editor would show). */
    public List<FieldChange> fields(String tenantSlug, ConfigVersion version) {
        return areas.changes(tenant(tenantSlug).id(), version.area(), 0, version.version());
    }

    private TenantSummary tenant(String slug) {
        if (slug == null || slug.isBlank()) {
            throw new InvalidValueException("tenant", "Enter a tenant slug.");
        }
        return tenants.open(slug.trim())
                .orElseThrow(() -> new InvalidValueException("tenant", "No tenant '" + slug.trim() + "'."));
    }

    private static Instant required(Instant at) {
        if (at == null) {
            throw new InvalidValueException("at", "Choose a date and time.");
        }
        return at;
    }
}
