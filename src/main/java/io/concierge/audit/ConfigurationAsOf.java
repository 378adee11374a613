package io.concierge.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.concierge.audit.ScopeHolders.RoleGrant;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.shared.InvalidValueException;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's configuration as it was at a chosen moment, and who could exercise a scope then. Reading goes
 * through the tenant and configuration services, so a partner admin is refused every tenant but their own.
 */
@Service
@Transactional(readOnly = true)
public class ConfigurationAsOf {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final TenantService tenants;
    private final ConfigurationStore store;

    ConfigurationAsOf(TenantService tenants, ConfigurationStore store) {
        this.tenants = tenants;
        this.store = store;
    }

    /** The version of the area that was current at {@code at}, if the area had been saved by then. */
    public Optional<ConfigVersion> asOf(String tenantSlug, ConfigArea area, Instant at) {
        if (area == null) {
            throw new InvalidValueException("area", "Choose an area.");
        }
        return store.asOf(tenant(tenantSlug).id(), area, required(at));
    }

    /**
     * The roles whose scopes contained {@code scope} at {@code at}, read from the roles-and-permissions content
     * of that moment ({@code {"catalogVersion": ..., "roles": [{"key", "name", "scopes": [...]}]}}).
     */
    public ScopeHolders whoCould(String tenantSlug, String scope, Instant at) {
        var wanted = scope == null ? "" : scope.trim();
        if (wanted.isEmpty()) {
            throw new InvalidValueException("scope", "Enter a scope, for example orders:create.");
        }
        if (wanted.length() > 100) {
            throw new InvalidValueException("scope", "A scope is at most 100 characters.");
        }
        var tenant = tenant(tenantSlug);
        var version = store.asOf(tenant.id(), ConfigArea.ACCESS, required(at));
        if (version.isEmpty()) {
            return new ScopeHolders(tenant.slug().value(), wanted, at, null, null, List.of());
        }
        var content = read(version.get().content());
        var grants = new ArrayList<RoleGrant>();
        for (JsonNode role : content.path("roles")) {
            for (JsonNode s : role.path("scopes")) {
                if (wanted.equals(s.asText())) {
                    grants.add(new RoleGrant(role.path("key").asText(), role.path("name").asText(role.path("key").asText())));
                    break;
                }
            }
        }
        var catalog = content.path("catalogVersion");
        return new ScopeHolders(tenant.slug().value(), wanted, at, version.get().version(),
                catalog.isMissingNode() || catalog.isNull() ? null : catalog.asText(), List.copyOf(grants));
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

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored configuration is not JSON", e);
        }
    }
}
