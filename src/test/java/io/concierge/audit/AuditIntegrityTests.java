package io.concierge.audit;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.security.Actors;
import io.concierge.support.IntegrationTest;
import io.concierge.support.Superuser;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database refuses to change history, and the hash chain exposes whoever gets round that. */
class AuditIntegrityTests extends IntegrationTest {

    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;
    @Autowired
    AuditLog log;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.datasource.url}")
    String url;

    @BeforeEach
    void asAuditorByDefault() {
        signIn(OPERATOR);
    }

    @Test
    void the_consoles_application_user_can_neither_update_delete_truncate_nor_disable_the_trigger() {
        var t = register("locked");
        var id = lastIdOf(t);
        assertThat(jdbc.queryForObject("SELECT NOT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class))
                .as("the suite runs as the console's application user, not a superuser").isTrue();

        assertThatThrownBy(() -> jdbc.update("UPDATE concierge.audit_entry SET detail = 'forged' WHERE id = ?", id))
                .isInstanceOf(DataAccessException.class).rootCause()
                .hasMessageContaining("permission denied for table audit_entry");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM concierge.audit_entry WHERE id = ?", id))
                .isInstanceOf(DataAccessException.class).rootCause()
                .hasMessageContaining("permission denied for table audit_entry");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE concierge.audit_entry"))
                .isInstanceOf(DataAccessException.class).rootCause()
                .hasMessageContaining("permission denied for table audit_entry");
        assertThatThrownBy(() -> jdbc.execute("ALTER TABLE concierge.audit_entry DISABLE TRIGGER audit_entry_append_only"))
                .isInstanceOf(DataAccessException.class).rootCause()
                .hasMessageContaining("must be owner of table audit_entry");
        assertThat(jdbc.queryForObject("SELECT detail IS NULL FROM concierge.audit_entry WHERE id = ?", Boolean.class, id))
                .isTrue();
    }

    @Test
    void the_trigger_refuses_changes_even_to_a_role_that_holds_every_privilege() throws Exception {
        var t = register("trigger");
        var id = lastIdOf(t);

        try (var su = Superuser.connect(url); var st = su.createStatement()) {
            assertThatThrownBy(() -> st.execute("UPDATE concierge.audit_entry SET detail = 'forged' WHERE id = " + id))
                    .hasMessageContaining("append-only: UPDATE refused");
            assertThatThrownBy(() -> st.execute("DELETE FROM concierge.audit_entry WHERE id = " + id))
                    .hasMessageContaining("append-only: DELETE refused");
            assertThatThrownBy(() -> st.execute("TRUNCATE concierge.audit_entry"))
                    .hasMessageContaining("append-only: TRUNCATE refused");
        }
    }

    @Test
    void a_row_altered_behind_the_triggers_back_is_named_by_verification() throws Exception {
        var t = register("tamper");
        store.save(t.id(), t.slug(), ConfigArea.BRANDING, 0, "{\"color\":\"red\"}", "red");
        store.save(t.id(), t.slug(), ConfigArea.BRANDING, 1, "{\"color\":\"green\"}", "green");
        var victim = log.page(AuditFilter.ALL.withTenantSlug(t.slug().value()), null, 10).get(1);
        signIn(AUDITOR);
        assertThat(log.verifyIntegrity().intact()).as("the chain before tampering").isTrue();

        var original = jdbc.queryForObject("SELECT after_json FROM concierge.audit_entry WHERE id = ?", String.class,
                victim.id());
        try {
            // a superuser can switch the trigger off; the chain still tells
            behindTheTriggersBack("UPDATE concierge.audit_entry SET after_json = '{\"color\":\"blue\"}' WHERE id = "
                    + victim.id());

            var report = log.verifyIntegrity();
            assertThat(report.intact()).isFalse();
            var broken = report.broken().orElseThrow();
            assertThat(broken.id()).isEqualTo(victim.id());
            assertThat(broken.occurredAt()).isEqualTo(victim.occurredAt());
            assertThat(broken.action()).isEqualTo("Configuration saved");
            assertThat(broken.reason()).contains("altered");
        } finally {
            behindTheTriggersBack("UPDATE concierge.audit_entry SET after_json = '" + original + "' WHERE id = "
                    + victim.id());
        }
        assertThat(log.verifyIntegrity().intact()).as("the chain once the row is put back").isTrue();
    }

    @Test
    void a_deleted_row_is_named_through_the_broken_link_of_its_successor() throws Exception {
        var t = register("gone");
        store.save(t.id(), t.slug(), ConfigArea.RULES, 0, "{\"a\":1}", "one");
        store.save(t.id(), t.slug(), ConfigArea.RULES, 1, "{\"a\":2}", "two");
        var entries = log.page(AuditFilter.ALL.withTenantSlug(t.slug().value()), null, 10);
        var deleted = entries.get(1);
        // the chain is global: the successor is the next entry of any tenant (background work of other tests,
        // such as this tenant's own provisioning, may append between the two saves)
        var successorId = jdbc.queryForObject("SELECT min(id) FROM concierge.audit_entry WHERE id > ?", Long.class,
                deleted.id());
        var saved = jdbc.queryForMap("SELECT * FROM concierge.audit_entry WHERE id = ?", deleted.id());
        signIn(AUDITOR);
        try {
            behindTheTriggersBack("DELETE FROM concierge.audit_entry WHERE id = " + deleted.id());
            var broken = log.verifyIntegrity().broken().orElseThrow();
            assertThat(broken.id()).isEqualTo(successorId);
            assertThat(broken.reason()).contains("removed");
        } finally {
            var columns = String.join(", ", saved.keySet());
            var marks = String.join(", ", saved.keySet().stream().map(k -> "?").toList());
            jdbc.update("INSERT INTO concierge.audit_entry (" + columns + ") VALUES (" + marks + ")",
                    saved.values().toArray());
        }
        assertThat(log.verifyIntegrity().intact()).isTrue();
    }

    @Test
    void concurrent_changes_extend_one_chain_without_forking_it() throws Exception {
        var created = new ArrayList<TenantSummary>();
        for (int i = 0; i < 4; i++) {
            created.add(register("race"));
        }
        var pool = Executors.newFixedThreadPool(4);
        try {
            var futures = new ArrayList<Future<Object>>();
            for (var t : created) {
                futures.add(pool.submit((Callable<Object>) () -> Actors.callAs(OPERATOR, () -> {
                    for (int v = 1; v <= 10; v++) {
                        store.save(t.id(), t.slug(), ConfigArea.RULES, v - 1, "{\"v\":" + v + "}", "v" + v);
                    }
                    return null;
                })));
            }
            for (var f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        signIn(AUDITOR);
        var report = log.verifyIntegrity();
        assertThat(report.broken()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT prev_hash) = count(*) FROM concierge.audit_entry",
                Boolean.class)).as("no two entries claim the same predecessor").isTrue();
    }

    /** As a database superuser with the append-only triggers off (see ChainAttackTests for the full attacks). */
    private void behindTheTriggersBack(String sql) throws SQLException {
        try (var su = Superuser.connect(Superuser.urlOf(jdbc.getDataSource())); var statement = su.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            statement.execute(sql);
        }
    }

    private TenantSummary register(String prefix) {
        return tenants.register(new NewTenant(uniqueSlug(prefix), "Integrity Ltd", "ops@integrity.example", null))
                .tenant();
    }

    private long lastIdOf(TenantSummary t) {
        return jdbc.queryForObject("SELECT max(id) FROM concierge.audit_entry WHERE tenant_id = ?", Long.class,
                t.id().value());
    }
}
