package io.concierge.publishing;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.publishing.internal.TenantKeys;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.support.Superuser;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.concierge.publishing.PublishingFixtures.roles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application against a Redis of its own that this test stops and starts again, in a console schema of its
 * own (so no other test context's retry loop publishes these tenants elsewhere). Redis keeps its data across the
 * restart (append-only file), as a production Redis would.
 */
@SpringBootTest
@DirtiesContext
class PublishingRedisOutageTests {

    private static final String SCHEMA = "concierge_outage_" + UUID.randomUUID().toString().substring(0, 8);
    private static final CurrentUser OPERATOR = new CurrentUser("ops", Role.OPERATOR, null, null);
    private static int port;
    private static Path dataDir;
    private static RedisServer redisServer;
    private static String cleanupUrl;

    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;
    @Autowired
    PublishingService publishing;
    @Autowired
    StringRedisTemplate redis;
    @Value("${spring.datasource.url}")
    String url;

    @DynamicPropertySource
    static void ownRedisAndSchema(DynamicPropertyRegistry registry) throws IOException {
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        dataDir = Files.createTempDirectory("concierge-outage-redis");
        startRedis();
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> port);
        registry.add("spring.data.redis.database", () -> 0);
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.default-schema", () -> SCHEMA);
        registry.add("spring.jpa.properties.hibernate.default_schema", () -> SCHEMA);
    }

    private static void startRedis() {
        try {
            redisServer = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("dir " + dataDir.toAbsolutePath()).setting("appendonly yes").setting("appendfsync always")
                    .setting("save \"\"").build();
            redisServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void asOperator() {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(Actors.authentication(OPERATOR));
        SecurityContextHolder.setContext(context);
        cleanupUrl = url;
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @AfterAll
    static void stopRedisAndDropSchema() throws IOException, SQLException {
        redisServer.stop();
        if (cleanupUrl != null) {
            // the schema belongs to Flyway's user, which the console's own may not drop
            try (var su = Superuser.connect(cleanupUrl); var st = su.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    @Test
    void saves_succeed_while_redis_is_down_and_every_change_arrives_in_order_once_it_is_back() throws Exception {
        var fixtures = new PublishingFixtures(tenants, store);
        var tenant = fixtures.activeTenant("outage_" + UUID.randomUUID().toString().substring(0, 8));
        var keys = new TenantKeys(tenant.slug());
        fixtures.saveRoles(tenant, roles("investor", "orders:create"));
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> publishing.isUpToDate(tenant.id()));

        var sequences = Collections.synchronizedList(new ArrayList<Long>());
        var watching = new AtomicBoolean(true);
        var watcher = new Thread(() -> {
            while (watching.get()) {
                try {
                    var held = (String) redis.opsForHash().get(keys.meta(), "sequence");
                    if (held != null) {
                        sequences.add(Long.parseLong(held));
                    }
                } catch (RuntimeException redisDown) {
                    // expected while the server is stopped
                }
            }
        });
        watcher.start();

        redisServer.stop();
        var started = System.nanoTime();
        fixtures.saveRoles(tenant, roles("investor", "orders:create portfolio:read"));
        fixtures.save(tenant, ConfigArea.BRANDING, "{\"displayName\":\"Outage Ltd\"}");
        fixtures.saveRoles(tenant, roles("investor", "orders:create portfolio:read", "viewer", "portfolio:read"));
        tenants.suspend(tenant.id(), "late payment");
        var savingTook = Duration.ofNanos(System.nanoTime() - started);
        assertThat(savingTook).as("four changes saved without waiting for Redis").isLessThan(Duration.ofSeconds(3));
        await().pollInSameThread().atMost(Duration.ofSeconds(20))
                .until(() -> publishing.status(tenant.id()).failing());
        assertThat(publishing.status(tenant.id()).lastError()).startsWith("Redis unavailable");
        assertThat(publishing.isUpToDate(tenant.id())).isFalse();

        startRedis(); // nobody acts from here on
        await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> publishing.isUpToDate(tenant.id()));
        watching.set(false);
        watcher.join();

        assertThat(redis.opsForSet().members(keys.role("investor"))).containsExactlyInAnyOrder("orders:create", "portfolio:read");
        assertThat(redis.opsForSet().members(keys.role("viewer"))).containsExactly("portfolio:read");
        assertThat(redis.opsForValue().get(keys.status())).isEqualTo("SUSPENDED");
        assertThat(redis.opsForValue().get(keys.branding())).contains("Outage Ltd");
        var status = publishing.status(tenant.id());
        assertThat(redis.opsForHash().get(keys.meta(), "sequence")).isEqualTo(Long.toString(status.sequence()));
        assertThat(status.lastError()).isNull();
        assertThat(sequences).as("the cache never went back to an older state").isSorted();
        assertThat(publishing.reconcile(tenant.id()).drifted()).isZero();
    }
}
