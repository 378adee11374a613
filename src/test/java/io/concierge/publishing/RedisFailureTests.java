package io.concierge.publishing;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.publishing.internal.TenantKeys;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.support.RedisProcess;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;

import static io.concierge.publishing.PublishingFixtures.roles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Redis of this test's own (a redis-server process without persistence) that it flushes, kills and starts again
 * empty, and corrupts the way a stray client would; a console schema of its own, so only these tenants are
 * published. Periodic reconciliation is off: every repair seen here comes from the publication path itself.
 */
@SpringBootTest
@DirtiesContext
class RedisFailureTests {

    private static final String SCHEMA = "concierge_redisfail_" + UUID.randomUUID().toString().substring(0, 8);
    private static final CurrentUser OPERATOR = new CurrentUser("ops", Role.OPERATOR, null, null);
    private static final RedisProcess server = new RedisProcess();
    private static JdbcTemplate cleanup;

    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;
    @Autowired
    PublishingService publishing;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    @Qualifier("redis")
    HealthIndicator redisHealth;
    @Autowired
    @Qualifier("publicationBacklog")
    HealthIndicator backlogHealth;

    private PublishingFixtures fixtures;

    @DynamicPropertySource
    static void ownRedisAndSchema(DynamicPropertyRegistry registry) {
        server.start();
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", server::port);
        registry.add("spring.data.redis.database", () -> 0);
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.default-schema", () -> SCHEMA);
        registry.add("spring.jpa.properties.hibernate.default_schema", () -> SCHEMA);
        registry.add("concierge.publishing.reconcile-interval", () -> "0");
        registry.add("concierge.ops.backlog-threshold", () -> "PT3S");
    }

    @BeforeEach
    void asOperator() {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(Actors.authentication(OPERATOR));
        SecurityContextHolder.setContext(context);
        cleanup = jdbc;
        fixtures = new PublishingFixtures(tenants, store);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @AfterAll
    static void stopRedisAndDropSchema() {
        server.close();
        if (cleanup != null) {
            cleanup.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void a_flushed_redis_gets_every_tenant_back_at_once_and_health_is_degraded_until_it_has() throws Exception {
        var idle = publishedTenant("idle");
        var held = publishedTenant("held");
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> redisHealth.health().getStatus().equals(Status.UP));

        try (var blocker = dataSource.getConnection()) {
            // holds the rebuild of one tenant back (it cannot record its publication), so "until done" is visible
            lockPublicationRow(blocker, held);
            redis.execute((RedisCallback<Void>) c -> {
                c.serverCommands().flushAll();
                return null;
            });

            await().pollInSameThread().atMost(Duration.ofSeconds(5)).until(() -> isMember(idle, "investor", "orders:create"));
            var during = redisHealth.health();
            assertThat(during.getStatus()).isEqualTo(new Status("DEGRADED"));
            assertThat((String) during.getDetails().get("republishing")).contains("holds no marker key");
            blocker.rollback();
        }
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> redisHealth.health().getStatus().equals(Status.UP));
        assertThat(isMember(held, "investor", "orders:create")).isTrue();
        assertThat(publishing.reconcile(idle.id()).drifted()).isZero();
        assertThat(publishing.reconcile(held.id()).drifted()).isZero();
    }

    @Test
    void after_redis_is_killed_and_restarted_empty_held_up_saves_arrive_promptly_and_idle_tenants_come_back()
            throws Exception {
        var idle = publishedTenant("idle");
        var busy = publishedTenant("busy");

        server.kill();
        fixtures.saveRoles(busy, roles("investor", "orders:create portfolio:read"));
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> publishing.status(busy.id()).failing());
        Thread.sleep(4_000); // longer than the 3 s backlog threshold of this test
        fixtures.save(busy, ConfigArea.BRANDING, "{\"displayName\":\"Busy Ltd\"}");
        // overdue counts from the first change still waiting, not from the save just made
        assertThat(publishing.backlog(Duration.ofSeconds(3)).overdue()).isEqualTo(1);
        assertThat(backlogHealth.health().getStatus()).isEqualTo(new Status("DEGRADED"));
        assertThat(redisHealth.health().getStatus()).isEqualTo(new Status("DEGRADED"));
        Thread.sleep(12_000); // an outage long enough that reconnect back-off used to stretch to 20 s and more

        server.start(); // empty: no persistence; answers PING when this returns
        var back = System.nanoTime();
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> publishing.isUpToDate(busy.id()));
        var delivered = Duration.ofNanos(System.nanoTime() - back);
        System.out.printf("held-up publications delivered %d ms after Redis answered again%n", delivered.toMillis());
        assertThat(delivered).as("delivery after Redis answers again").isLessThan(Duration.ofSeconds(5));

        assertThat(isMember(busy, "investor", "portfolio:read")).isTrue();
        assertThat(redis.opsForValue().get(new TenantKeys(busy.slug()).branding())).contains("Busy Ltd");
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> isMember(idle, "investor", "orders:create"));
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> redisHealth.health().getStatus().equals(Status.UP));
        assertThat(backlogHealth.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void a_key_of_the_wrong_type_is_repaired_by_the_next_publication_of_its_tenant() {
        var tenant = publishedTenant("wrongtype");
        var keys = new TenantKeys(tenant.slug());
        redis.delete(keys.role("investor"));
        redis.opsForValue().set(keys.role("investor"), "not a set");
        redis.delete(keys.roles());
        redis.opsForValue().set(keys.roles(), "not a set either");
        redis.opsForSet().add(keys.role("ghost"), "orders:create"); // a role nobody published

        fixtures.saveRoles(tenant, roles("investor", "orders:create portfolio:read"));

        await().pollInSameThread().atMost(Duration.ofSeconds(5)).until(() -> publishing.isUpToDate(tenant.id()));
        assertThat(redis.opsForSet().members(keys.role("investor"))).containsExactlyInAnyOrder("orders:create", "portfolio:read");
        assertThat(redis.opsForSet().members(keys.roles())).containsExactly("investor");
        assertThat(redis.hasKey(keys.role("ghost"))).isFalse();
        assertThat(publishing.status(tenant.id()).lastError()).isNull();
        assertThat(publishing.reconcile(tenant.id()).drifted()).isZero();
    }

    @Test
    void a_bogus_sequence_written_into_redis_does_not_make_a_save_count_as_delivered() {
        var tenant = publishedTenant("bogus");
        var keys = new TenantKeys(tenant.slug());

        // higher than anything the console issued
        redis.opsForHash().put(keys.meta(), "sequence", "999999");
        fixtures.saveRoles(tenant, roles("investor", "portfolio:read"));
        await().pollInSameThread().atMost(Duration.ofSeconds(5)).until(() -> publishing.isUpToDate(tenant.id()));
        assertThat(redis.opsForSet().members(keys.role("investor"))).containsExactly("portfolio:read");
        assertThat(redis.opsForHash().get(keys.meta(), "sequence"))
                .isEqualTo(Long.toString(publishing.status(tenant.id()).sequence()));

        // exactly the sequence the next save gets: the script refuses it as a duplicate, the content gives it away
        var next = publishing.status(tenant.id()).sequence() + 1;
        redis.opsForHash().put(keys.meta(), "sequence", Long.toString(next));
        fixtures.saveRoles(tenant, roles("investor", "orders:create"));
        await().pollInSameThread().atMost(Duration.ofSeconds(5)).until(() -> publishing.isUpToDate(tenant.id()));
        assertThat(publishing.status(tenant.id()).sequence()).isEqualTo(next);
        assertThat(redis.opsForSet().members(keys.role("investor"))).containsExactly("orders:create");
        assertThat(publishing.reconcile(tenant.id()).drifted()).isZero();
    }

    private TenantSummary publishedTenant(String prefix) {
        var tenant = fixtures.activeTenant(prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
        fixtures.saveRoles(tenant, roles("investor", "orders:create"));
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> publishing.isUpToDate(tenant.id()));
        return tenant;
    }

    private boolean isMember(TenantSummary tenant, String role, String scope) {
        try {
            return Boolean.TRUE.equals(redis.opsForSet().isMember(new TenantKeys(tenant.slug()).role(role), scope));
        } catch (RuntimeException redisNotBackYet) {
            return false;
        }
    }

    private static void lockPublicationRow(Connection connection, TenantSummary tenant) throws Exception {
        connection.setAutoCommit(false);
        try (var st = connection.prepareStatement("SELECT 1 FROM " + SCHEMA + ".publication WHERE tenant_id = ? FOR UPDATE")) {
            st.setObject(1, tenant.id().value());
            st.executeQuery().close();
        }
    }
}
