package io.concierge.configuration;

import io.concierge.shared.InvalidValueException;
import io.concierge.support.IntegrationTest;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An offboarded tenant keeps its configuration history, and nothing new can be saved or restored for it. */
class OffboardedTenantConfigurationTests extends IntegrationTest {

    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;

    @Test
    void no_area_of_an_offboarded_tenant_can_change_and_its_history_stays() {
        signIn(OPERATOR);
        var tenant = TestTenants.active(tenants, uniqueSlug("gone"));
        var saved = store.save(tenant.id(), tenant.slug(), ConfigArea.RULES, 0, "{\"maxOrder\":100}", "first rules");
        tenants.offboard(tenant.id(), tenant.slug().value());

        for (var area : ConfigArea.values()) {
            long current = store.current(tenant.id(), area).map(ConfigVersion::version).orElse(0L);
            assertThatThrownBy(() -> store.save(tenant.id(), tenant.slug(), area, current, "{\"changed\":true}",
                    "after offboarding"))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessage("Tenant '" + tenant.slug() + "' is offboarded; its " + area.label().toLowerCase()
                            + " can no longer change.");
        }
        assertThatThrownBy(() -> store.restore(tenant.id(), tenant.slug(), ConfigArea.RULES, 1, 1, "bring back"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("is offboarded");

        assertThat(store.current(tenant.id(), ConfigArea.RULES)).hasValueSatisfying(v -> {
            assertThat(v.version()).isEqualTo(saved.version());
            assertThat(ConfigurationStore.canonical(v.content())).isEqualTo(saved.content());
        });
    }
}
