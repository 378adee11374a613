package io.concierge.provisioning;

import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tenants in the states upgrade tests need, made through the real services (as the system actor). */
public final class TenantFixtures {

    private final TenantService tenants;
    private final JdbcTemplate jdbc;

    public TenantFixtures(TenantService tenants, JdbcTemplate jdbc) {
        this.tenants = tenants;
        this.jdbc = jdbc;
    }

    /** Registers tenants and waits until provisioning has made them all ACTIVE. */
    public List<TenantSummary> active(String prefix, int count) {
        var ids = new ArrayList<TenantSummary>();
        for (int i = 0; i < count; i++) {
            var slug = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            ids.add(asSystem(() -> tenants.register(new NewTenant(slug, "Tenant " + slug, "ops@example.com", null))
                    .tenant()));
        }
        await().atMost(Duration.ofSeconds(120)).pollInSameThread().pollInterval(Duration.ofMillis(200))
                .until(() -> ids.stream().allMatch(t -> current(t).status() != TenantStatus.PROVISIONING));
        var active = ids.stream().map(this::current).toList();
        assertThat(active).allSatisfy(t -> assertThat(t.status()).as(t.slug() + ": " + t.statusReason())
                .isEqualTo(TenantStatus.ACTIVE));
        return active;
    }

    /**
     * Tenants as if provisioned before release 1.2.0 existed: provisioned at 1.2.0 (new tenants always get the
     * newest), then that release's single changeset taken back out and the stored version set to 1.1.0.
     */
    public List<TenantSummary> at110(String prefix, int count) {
        return active(prefix, count).stream().map(t -> {
            var schema = t.schema().quoted();
            jdbc.execute("ALTER TABLE " + schema + ".orders DROP COLUMN notes");
            jdbc.update("DELETE FROM " + schema + ".databasechangelog WHERE id = '1.2.0-order-notes'");
            return asSystem(() -> tenants.recordSchemaUpgrade(t.id(), "1.1.0", 0));
        }).toList();
    }

    public TenantSummary current(TenantSummary tenant) {
        return asSystem(() -> tenants.find(tenant.id()).orElseThrow());
    }

    private static <T> T asSystem(Supplier<T> work) {
        return Actors.callAs(CurrentUser.SYSTEM, work);
    }
}
