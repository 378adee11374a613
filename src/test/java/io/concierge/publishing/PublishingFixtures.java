package io.concierge.publishing;

import io.concierge.configuration.ConfigArea;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/** Creates tenants and saves their areas the way the console does; the caller must act as an operator. */
final class PublishingFixtures {

    private final TenantService tenants;
    private final ConfigurationStore store;

    PublishingFixtures(TenantService tenants, ConfigurationStore store) {
        this.tenants = tenants;
        this.store = store;
    }

    /** An ACTIVE tenant whose roles the access module has seeded (version 1 of ACCESS), so saves never race it. */
    TenantSummary activeTenant(String slug) {
        var tenant = TestTenants.active(tenants, slug);
        await().atMost(Duration.ofSeconds(30)).until(() -> Actors.callAs(CurrentUser.SYSTEM,
                () -> store.current(tenant.id(), ConfigArea.ACCESS).isPresent()));
        return tenant;
    }

    long save(TenantSummary tenant, ConfigArea area, String json) {
        var current = store.current(tenant.id(), area).map(v -> v.version()).orElse(0L);
        return store.save(tenant.id(), tenant.slug(), area, current, json, "test change").version();
    }

    long saveRoles(TenantSummary tenant, Map<String, List<String>> roles) {
        return save(tenant, ConfigArea.ACCESS, accessJson(roles));
    }

    static String accessJson(Map<String, List<String>> roles) {
        return "{\"catalogVersion\":\"2026.11\",\"roles\":[" + roles.entrySet().stream()
                .map(e -> "{\"key\":\"" + e.getKey() + "\",\"name\":\"" + e.getKey() + "\",\"scopes\":["
                        + e.getValue().stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]}")
                .collect(Collectors.joining(",")) + "]}";
    }

    static Map<String, List<String>> roles(Object... keyAndScopes) {
        var map = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < keyAndScopes.length; i += 2) {
            map.put((String) keyAndScopes[i], List.of(((String) keyAndScopes[i + 1]).split(" ")));
        }
        return map;
    }
}
