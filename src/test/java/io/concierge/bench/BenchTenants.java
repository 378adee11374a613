package io.concierge.bench;

import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.shared.ConsoleSchema;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** What the fleet benchmarks do to their tenants between and after measurements, untimed. */
final class BenchTenants {

    private BenchTenants() {
    }

    /** Takes release 1.2.0 back out of every schema (what TenantFixtures.at110 does). */
    static void backTo110(JdbcTemplate jdbc, TenantService tenants, List<TenantSummary> fleet) {
        for (var t : fleet) {
            var schema = t.schema().quoted();
            jdbc.execute("ALTER TABLE " + schema + ".orders DROP COLUMN IF EXISTS notes");
            jdbc.update("DELETE FROM " + schema + ".databasechangelog WHERE id = '1.2.0-order-notes'");
            jdbc.execute("DROP TABLE IF EXISTS " + schema + ".flyway_schema_history");
            Actors.callAs(CurrentUser.SYSTEM, () -> tenants.recordSchemaUpgrade(t.id(), "1.1.0", 0));
        }
    }

    /** This machine's PostgreSQL runs without autovacuum: each measurement meets catalogs as tidy as the last. */
    static void vacuumCatalog(JdbcTemplate jdbc) {
        jdbc.execute("VACUUM pg_catalog.pg_class, pg_catalog.pg_attribute, pg_catalog.pg_attrdef, pg_catalog.pg_depend,"
                + " pg_catalog.pg_type, pg_catalog.pg_constraint, pg_catalog.pg_index, pg_catalog.pg_namespace");
    }

    /**
     * Waits until the tenants just registered are published and their events handled, so that a measurement
     * does not share the machine with the registration's tail.
     */
    static void settle(JdbcTemplate jdbc, ConsoleSchema console) {
        await().atMost(Duration.ofMinutes(10)).pollInSameThread().pollInterval(Duration.ofMillis(500))
                .until(() -> jdbc.queryForObject("SELECT (SELECT count(*) FROM " + console.qualify("publication")
                        + " WHERE published_sequence < sequence) + (SELECT count(*) FROM "
                        + console.qualify("event_publication") + " WHERE completion_date IS NULL)", Long.class) == 0);
    }

    static void offboard(JdbcTemplate jdbc, TenantService tenants, List<TenantSummary> fleet) {
        fleet.forEach(t -> tenants.offboard(t.id(), t.slug().value()));
        var names = fleet.stream().map(t -> t.schema().value()).toArray(String[]::new);
        await().atMost(Duration.ofMinutes(30)).pollInSameThread().pollInterval(Duration.ofSeconds(1))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = ANY (?)",
                        Integer.class, (Object) names) == 0);
    }
}
