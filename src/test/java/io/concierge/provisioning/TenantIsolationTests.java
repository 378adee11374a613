package io.concierge.provisioning;

import io.concierge.provisioning.internal.SchemaOperations;
import io.concierge.provisioning.internal.TenantRoles;
import io.concierge.shared.TenantSlug;
import io.concierge.support.IntegrationTest;
import io.concierge.support.Superuser;
import io.concierge.support.TestTenants;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The database keeps tenants apart (docs/postgres-contract.md): each test connects as the platform's own login role,
 * the way the platform does, and sees what PostgreSQL lets it do. Runs a changelog with a test-only release that adds
 * a table, so that an upgrade can add one.
 */
@TestPropertySource(properties = {
        "concierge.provisioning.changelog=provisioning-isolation/changelog-master.xml",
        "concierge.provisioning.template-schema=tenant_template_iso"})
class TenantIsolationTests extends IntegrationTest {

    /** insufficient_privilege: what PostgreSQL answers for a table, schema or role the current role may not use. */
    private static final String REFUSED = "42501";

    @Autowired
    TenantService tenants;
    @Autowired
    TenantRoles roles;
    @Autowired
    SchemaOperations schemas;
    @Autowired
    SchemaChecks checks;
    @Autowired
    FleetUpgrades fleet;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.datasource.url}")
    String url;

    @BeforeEach
    void asOperator() {
        signIn(OPERATOR);
    }

    @Test
    void after_set_role_the_platform_reads_and_writes_its_tenant_and_is_refused_every_table_of_another() throws Exception {
        var a = TestTenants.active(tenants, uniqueSlug("iso_a"));
        var b = TestTenants.active(tenants, uniqueSlug("iso_b"));
        var tablesOfB = tablesOf(b);
        assertThat(tablesOfB).contains("users", "orders", "watchlist");

        try (var platform = asPlatform()) {
            execute(platform, "SET ROLE " + roles.roleOf(a.slug()).quoted());
            execute(platform, "SET search_path = " + a.schema().quoted());
            execute(platform, "INSERT INTO users (id, email) VALUES (gen_random_uuid(), 'ann@a.example')");
            execute(platform, "INSERT INTO watchlist (ticker) VALUES ('AAPL')");
            execute(platform, "UPDATE users SET kyc_status = 'VERIFIED'");
            assertThat(count(platform, a.schema().quoted() + ".users")).isEqualTo(1);
            assertThat(count(platform, "asset_types")).as("seed rows").isEqualTo(5);

            for (var table : tablesOfB) {
                assertRefused(platform, "SELECT * FROM " + b.schema().quoted() + "." + table);
            }
            // unqualified, the schema is skipped in the search path: PostgreSQL does not even admit the table is there
            execute(platform, "SET search_path = " + b.schema().quoted());
            assertThatThrownBy(() -> execute(platform, "SELECT * FROM users"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
            assertRefused(platform, "INSERT INTO " + b.schema().quoted() + ".watchlist (ticker) VALUES ('MSFT')");
        }
    }

    @Test
    void without_set_role_the_platform_reads_nothing_of_any_tenant() throws Exception {
        var a = TestTenants.active(tenants, uniqueSlug("iso_none"));
        assertThat(roles.isMember(a.slug())).as("the platform is a member of the active tenant's role").isTrue();

        try (var platform = asPlatform()) {
            for (var table : tablesOf(a)) {
                assertRefused(platform, "SELECT * FROM " + a.schema().quoted() + "." + table);
            }
        }
    }

    @Test
    void a_suspended_tenants_role_is_refused_to_the_platform_and_resuming_gives_it_back() throws Exception {
        var a = TestTenants.active(tenants, uniqueSlug("iso_susp"));
        var role = roles.roleOf(a.slug()).quoted();

        tenants.suspend(a.id(), "unpaid invoices");
        try (var platform = asPlatform()) {
            assertRefused(platform, "SET ROLE " + role);
        }

        tenants.resume(a.id());
        try (var platform = asPlatform()) {
            execute(platform, "SET ROLE " + role);
            assertThat(count(platform, a.schema().quoted() + ".asset_types")).isEqualTo(5);
        }
    }

    @Test
    void offboarding_drops_the_tenants_role_with_its_schema() throws Exception {
        var a = TestTenants.active(tenants, uniqueSlug("iso_off"));
        var role = roles.roleOf(a.slug());
        assertThat(roleExists(role.value())).isTrue();

        tenants.offboard(a.id(), a.slug().value());
        try (var platform = asPlatform()) {
            // refused from the commit on: not a member any more (42501), or, once the schema is dropped after the
            // commit, no such role (22023)
            assertThatThrownBy(() -> execute(platform, "SET ROLE " + role.quoted()))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(e.getMessage())
                            .isIn(REFUSED, "22023"));
        }
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> !roleExists(role.value()));
        assertThat(schemas.exists(a.schema())).isFalse();
    }

    @Test
    void no_role_but_the_owner_and_the_tenants_own_has_a_privilege_on_a_tenant_schema_and_public_none() throws Exception {
        var a = TestTenants.active(tenants, uniqueSlug("iso_acl"));
        var owner = jdbc.queryForObject("SELECT current_user", String.class);
        try (var su = Superuser.connect(url); var st = su.createStatement()) {
            var rs = st.executeQuery("""
                    SELECT DISTINCT coalesce(r.rolname, 'PUBLIC')
                      FROM (SELECT nspacl AS acl FROM pg_namespace WHERE nspname = '%1$s'
                            UNION ALL
                            SELECT relacl FROM pg_class WHERE relnamespace = '%1$s'::regnamespace
                            UNION ALL
                            SELECT defaclacl FROM pg_default_acl WHERE defaclnamespace = '%1$s'::regnamespace) o,
                           aclexplode(o.acl) x
                      LEFT JOIN pg_roles r ON r.oid = x.grantee""".formatted(a.schema().value()));
            var grantees = new ArrayList<String>();
            while (rs.next()) {
                grantees.add(rs.getString(1));
            }
            assertThat(grantees).containsExactlyInAnyOrder(owner, roles.roleOf(a.slug()).value());
        }
    }

    @Test
    void a_grant_added_by_hand_or_one_taken_away_shows_as_drift() {
        var a = TestTenants.active(tenants, uniqueSlug("iso_drift"));
        assertThat(checks.check(a.id()).result()).isEqualTo(SchemaCheck.Result.MATCHES);

        jdbc.execute("GRANT SELECT ON " + a.schema().quoted() + ".users TO " + roles.platform().quoted());
        jdbc.execute("REVOKE DELETE ON " + a.schema().quoted() + ".orders FROM " + roles.roleOf(a.slug()).quoted());

        var check = checks.check(a.id());
        assertThat(check.result()).isEqualTo(SchemaCheck.Result.DRIFTED);
        assertThat(check.differences()).containsExactlyInAnyOrder(
                "unexpected: grant on users to " + roles.platform() + ": SELECT",
                "missing: grant on orders to tenant: DELETE, INSERT, SELECT, UPDATE",
                "unexpected: grant on orders to tenant: INSERT, SELECT, UPDATE");
    }

    @Test
    void a_table_added_by_a_fleet_upgrade_is_reachable_by_its_tenants_role_only() throws Exception {
        var a = TestTenants.active(tenants, uniqueSlug("iso_up_a"));
        var b = TestTenants.active(tenants, uniqueSlug("iso_up_b"));
        // as if provisioned before release 1.2.0: its table and changeset taken back out
        jdbc.execute("DROP TABLE " + a.schema().quoted() + ".watchlist");
        jdbc.update("DELETE FROM " + a.schema().quoted() + ".databasechangelog WHERE id = '1.2.0-watchlist'");
        tenants.recordSchemaUpgrade(a.id(), "1.1.0", 0);

        var report = fleet.upgrade(a.id()).get(2, TimeUnit.MINUTES);
        assertThat(report.results()).singleElement().satisfies(r ->
                assertThat(r.outcome()).as(r.toString()).isEqualTo(TenantUpgradeResult.Outcome.UPGRADED));
        assertThat(checks.check(a.id()).result()).isEqualTo(SchemaCheck.Result.MATCHES);

        try (var platform = asPlatform()) {
            execute(platform, "SET ROLE " + roles.roleOf(a.slug()).quoted());
            execute(platform, "INSERT INTO " + a.schema().quoted() + ".watchlist (ticker) VALUES ('NVDA')");
            assertThat(count(platform, a.schema().quoted() + ".watchlist")).isEqualTo(1);
            execute(platform, "RESET ROLE");
            execute(platform, "SET ROLE " + roles.roleOf(b.slug()).quoted());
            assertRefused(platform, "SELECT * FROM " + a.schema().quoted() + ".watchlist");
            execute(platform, "RESET ROLE");
            assertRefused(platform, "SELECT * FROM " + a.schema().quoted() + ".watchlist");
        }
    }

    @Test
    void a_role_of_the_same_name_that_this_database_did_not_create_is_neither_used_nor_dropped() throws Exception {
        var slug = new TenantSlug(uniqueSlug("iso_theirs"));
        var role = roles.roleOf(slug);
        try (var su = Superuser.connect(url); var st = su.createStatement()) {
            st.execute("CREATE ROLE " + role.quoted() + " NOLOGIN");
            st.execute("COMMENT ON ROLE " + role.quoted() + " IS 'Concierge role of schema tenant_x in database staging'");
            try {
                var registered = tenants.register(new NewTenant(slug.value(), "Theirs", "ops@theirs.example", null))
                        .tenant();
                var failed = await().atMost(Duration.ofSeconds(60)).pollInSameThread()
                        .until(() -> tenants.find(registered.id()).orElseThrow(),
                                t -> t.status() != TenantStatus.PROVISIONING);
                assertThat(failed.status()).isEqualTo(TenantStatus.FAILED);
                assertThat(failed.statusReason()).contains("The role " + role + " already exists",
                        "concierge.tenant-roles.prefix");
                assertThat(roleExists(role.value())).as("the other database's role is still there").isTrue();
                assertThat(schemas.exists(slug.schema())).isFalse();
            } finally {
                st.execute("DROP ROLE " + role.quoted());
            }
        }
    }

    /** A connection as the platform's login role, the way the platform connects. */
    private Connection asPlatform() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", roles.platform().value());
        properties.setProperty("password", System.getenv().getOrDefault("CONCIERGE_TEST_PLATFORM_PASSWORD", ""));
        return DriverManager.getConnection(url, properties);
    }

    private List<String> tablesOf(TenantSummary tenant) {
        return jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY 1", String.class,
                tenant.schema().value());
    }

    private boolean roleExists(String role) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)",
                Boolean.class, role));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (var st = connection.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertRefused(Connection connection, String sql) {
        assertThatThrownBy(() -> execute(connection, sql)).as(sql)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(e.getMessage())
                        .isEqualTo(REFUSED));
    }
}
