package io.concierge.publishing;

import io.concierge.publishing.internal.CacheContent;
import io.concierge.publishing.internal.PermissionCache;
import io.concierge.publishing.internal.TenantKeys;
import io.concierge.publishing.internal.TenantSnapshot;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantStatus;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same publication code against a three-node Redis Cluster: started here from the embedded-redis binaries
 * (so only Java and Maven are needed), joined and given all 16384 slots with CLUSTER MEET / ADDSLOTS, and reached
 * through a LettuceConnectionFactory built from a RedisClusterConfiguration, as spring.data.redis.cluster.nodes
 * would build it.
 */
class PublishingClusterTests {

    private static final List<RedisServer> nodes = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();
    private static LettuceConnectionFactory factory;
    private static PermissionCache cache;
    private static StringRedisTemplate redis;

    @BeforeAll
    static void startCluster() throws Exception {
        var dir = Files.createTempDirectory("concierge-cluster");
        for (int i = 0; i < 3; i++) {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var node = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("cluster-enabled yes").setting("cluster-config-file nodes-" + port + ".conf")
                    .setting("dir " + dir.toAbsolutePath()).setting("save \"\"").setting("appendonly no").build();
            node.start();
            nodes.add(node);
            ports.add(port);
        }
        var client = RedisClient.create();
        try {
            int perNode = 16384 / 3;
            for (int i = 0; i < 3; i++) {
                try (var connection = client.connect(RedisURI.create("127.0.0.1", ports.get(i)))) {
                    var from = i * perNode;
                    var to = i == 2 ? 16383 : from + perNode - 1;
                    connection.sync().clusterAddSlots(IntStream.rangeClosed(from, to).toArray());
                    if (i > 0) {
                        connection.sync().clusterMeet("127.0.0.1", ports.get(0));
                    }
                }
            }
            for (var port : ports) {
                try (var connection = client.connect(RedisURI.create("127.0.0.1", port))) {
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                            .until(() -> connection.sync().clusterInfo().contains("cluster_state:ok")
                                    && connection.sync().clusterInfo().contains("cluster_known_nodes:3"));
                }
            }
        } finally {
            client.shutdown();
        }
        var configuration = new RedisClusterConfiguration(ports.stream().map(p -> "127.0.0.1:" + p).toList());
        factory = new LettuceConnectionFactory(configuration);
        factory.afterPropertiesSet();
        factory.start();
        redis = new StringRedisTemplate(factory);
        cache = new PermissionCache(redis);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (factory != null) {
            factory.destroy();
        }
        for (var node : nodes) {
            node.stop();
        }
    }

    @Test
    void tenants_are_published_replaced_and_read_back_atomically_on_a_cluster() {
        var tenants = IntStream.range(0, 20).mapToObj(i -> new TenantSlug("cluster_" + i + "_" + UUID.randomUUID()
                .toString().substring(0, 6))).toList();
        var slots = new HashSet<Integer>();
        for (var slug : tenants) {
            var first = snapshot(slug, 1, Map.of("investor", List.of("orders:create"), "trader", List.of("orders:cancel")));
            var second = snapshot(slug, 2, Map.of("investor", List.of("portfolio:read")));
            assertThat(cache.publish(first, PermissionCache.Mode.NORMAL, Instant.now()).written()).isTrue();
            assertThat(cache.publish(second, PermissionCache.Mode.NORMAL, Instant.now()).written()).isTrue();
            assertThat(cache.publish(first, PermissionCache.Mode.NORMAL, Instant.now()).written())
                    .as("an older publication is refused on the cluster too").isFalse();

            var keys = new TenantKeys(slug);
            assertThat(redis.opsForSet().isMember(keys.role("investor"), "portfolio:read")).isTrue();
            assertThat(redis.hasKey(keys.role("trader"))).as("removed role deleted").isFalse();
            assertThat(cache.read(slug).content()).isEqualTo(second.content());
            assertThat(cache.read(slug).meta()).containsEntry("sequence", "2").containsEntry("contract", "1");
            slots.add(factory.getClusterConnection().clusterGetSlotForKey(keys.meta().getBytes()));
            assertThat(factory.getClusterConnection().clusterGetSlotForKey(keys.role("investor").getBytes()))
                    .as("all keys of a tenant share its slot")
                    .isEqualTo(factory.getClusterConnection().clusterGetSlotForKey(keys.meta().getBytes()));
        }
        assertThat(slots).as("tenants spread over the cluster").hasSizeGreaterThan(1);

        var tampered = tenants.get(0);
        redis.opsForSet().add(new TenantKeys(tampered).rolePrefix() + "admin", "everything:*");
        assertThat(cache.roleKeysPresent(tampered)).containsEntry(tampered.value(), Set.of("investor", "admin"));
        assertThat(cache.roleKeysPresent(null)).containsKeys(tenants.stream().map(TenantSlug::value).toArray(String[]::new));
    }

    @Test
    void each_cluster_master_carries_a_marker_so_a_flush_or_restart_of_any_one_of_them_is_seen() {
        cache.mark("test");
        var servers = cache.servers();
        assertThat(servers).hasSize(3).allSatisfy(s -> {
            assertThat(s.marked()).isTrue();
            assertThat(s.runId()).hasSize(40);
        });

        // FLUSHALL on the node serving the second third of the slots only
        var client = RedisClient.create();
        try (var connection = client.connect(RedisURI.create("127.0.0.1", ports.get(1)))) {
            connection.sync().flushall();
        } finally {
            client.shutdown();
        }

        var after = cache.servers();
        assertThat(after).filteredOn(s -> !s.marked()).singleElement()
                .satisfies(s -> assertThat(s.node()).endsWith(":" + ports.get(1)));
        assertThat(after).extracting(PermissionCache.Server::runId)
                .containsExactlyInAnyOrderElementsOf(servers.stream().map(PermissionCache.Server::runId).toList());
        cache.mark("test again");
        assertThat(cache.servers()).allMatch(PermissionCache.Server::marked);
    }

    private static TenantSnapshot snapshot(TenantSlug slug, long sequence, Map<String, List<String>> roles) {
        return TenantSnapshot.of(TenantId.random(), slug, sequence, TenantStatus.ACTIVE, Map.of(), "2026.11",
                CacheContent.of("ACTIVE", null, "{\"version\":1,\"content\":{}}", roles));
    }
}
