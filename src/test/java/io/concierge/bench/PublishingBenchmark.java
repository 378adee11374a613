package io.concierge.bench;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.publishing.PublishingService;
import io.concierge.publishing.internal.CacheContent;
import io.concierge.publishing.internal.PermissionCache;
import io.concierge.publishing.internal.SnapshotReader;
import io.concierge.publishing.internal.TenantKeys;
import io.concierge.publishing.internal.TenantSnapshot;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publishing figures for docs/benchmarks/publishing.md. Run alone: {@code mvn -Pbenchmark verify
 * -Dtest=PublishingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}, against a database of its own (its 1,000
 * tenants stay there; drop it afterwards), set up by {@code db/users.sql} as every console database.
 */
@Tag("benchmark")
@SpringBootTest
@DirtiesContext
class PublishingBenchmark {

    private static final String SCHEMA = "concierge";
    private static final int ROLES = 50;
    private static final int SCOPES = 300;
    private static final int SAVES = 200;
    private static final int TENANTS = 1000;

    @Autowired
    PlatformTransactionManager transactionManager;
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
    SnapshotReader snapshots;
    @Autowired
    PermissionCache cache;

    private final StringBuilder report = new StringBuilder();

    @BeforeEach
    void asOperator() {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(Actors.authentication(new CurrentUser("bench", Role.OPERATOR, null, null)));
        SecurityContextHolder.setContext(context);
    }

    @Test
    void publish_latency_scope_checks_and_rebuild() throws Exception {
        publishLatencyAndScopeChecks();
        rebuild();
        var out = Path.of("target/benchmarks/publishing.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private void publishLatencyAndScopeChecks() throws Exception {
        var transactions = new TransactionTemplate(transactionManager);
        var slug = "bench_" + UUID.randomUUID().toString().substring(0, 8);
        var tenant = TestTenants.active(tenants, slug);
        // the access module seeds version 1 of the roles on activation; the measured saves follow it
        var seeded = await().atMost(Duration.ofSeconds(30)).until(() -> Actors.callAs(CurrentUser.SYSTEM,
                () -> store.current(tenant.id(), ConfigArea.ACCESS)), java.util.Optional::isPresent).orElseThrow();
        // one future per sequence, completed by the subscriber with the arrival time: the measuring thread blocks
        // instead of spinning, which on two cores would take a core from the publication it is timing
        var arrivals = new ConcurrentHashMap<Long, CompletableFuture<Long>>();
        var connection = redis.getConnectionFactory().getConnection();
        connection.subscribe((message, pattern) -> {
            var now = System.nanoTime();
            var body = new String(message.getBody(), StandardCharsets.UTF_8);
            if (body.contains("\"tenant\":\"" + slug + "\"")) {
                var sequence = Long.parseLong(body.replaceAll(".*\"sequence\":(\\d+).*", "$1"));
                arrivals.computeIfAbsent(sequence, s -> new CompletableFuture<>()).complete(now);
            }
        }, TenantKeys.CHANNEL.getBytes(StandardCharsets.UTF_8));
        var latencies = new ArrayList<Double>();
        try {
            for (int i = 0; i < SAVES + 10; i++) {
                var json = matrix(i);
                long version = seeded.version() + i;
                // nothing else changes this tenant, so its save raises the sequence by one; asking the database
                // before the save keeps that query out of the measured interval (and off the CPU meanwhile)
                var sequence = publishing.status(tenant.id()).sequence() + 1;
                var arrival = arrivals.computeIfAbsent(sequence, s -> new CompletableFuture<>());
                // the clock starts at the commit itself: this callback is registered before the save's own
                // after-commit work (remembering the content, handing the tenant to the worker), which is part of
                // the latency measured
                var commit = new long[1];
                var comment = "bench " + i;
                transactions.executeWithoutResult(status -> {
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            commit[0] = System.nanoTime();
                        }
                    });
                    store.save(tenant.id(), tenant.slug(), ConfigArea.ACCESS, version, json, comment);
                });
                var committed = commit[0];
                var arrived = arrival.get(10, TimeUnit.SECONDS);
                assertThat(publishing.status(tenant.id()).sequence()).as("the save's sequence").isEqualTo(sequence);
                if (i >= 10) { // the first saves warm up the JIT, the connection pool and the script cache
                    latencies.add((arrived - committed) / 1e6);
                }
            }
        } finally {
            connection.close();
        }
        Collections.sort(latencies);
        report.append(String.format("publish %d roles x %d scopes, commit -> announced in Redis, %d saves: "
                        + "median %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", ROLES, SCOPES, latencies.size(),
                pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies.get(latencies.size() - 1)));

        // the same path without thread hand-offs: database snapshot (content cached by version), then the script in
        // REPAIR mode, which rewrites every role: the full path, taken by a first publication, a repair or a rebuild
        var reads = new ArrayList<Double>();
        var writes = new ArrayList<Double>();
        for (int i = 0; i < 100; i++) {
            var t0 = System.nanoTime();
            var snapshot = snapshots.read(tenant.id());
            var t1 = System.nanoTime();
            cache.publish(snapshot, PermissionCache.Mode.REPAIR, Instant.now());
            var t2 = System.nanoTime();
            reads.add((t1 - t0) / 1e6);
            writes.add((t2 - t1) / 1e6);
        }
        Collections.sort(reads);
        Collections.sort(writes);
        report.append(String.format("  of which: snapshot read median %.1f ms (p99 %.1f), Lua script with %,d scopes "
                        + "median %.1f ms (p99 %.1f)%n", pct(reads, 50), pct(reads, 99), ROLES * SCOPES,
                pct(writes, 50), pct(writes, 99)));

        // the delta path alone: the script when one role of the 50 changed since the last publication (NORMAL mode,
        // as after a save), on a tenant of its own so the measured one keeps the sequence the database issued
        var read = snapshots.read(tenant.id());
        var roles = new TreeMap<String, SortedSet<String>>(read.content().roles());
        var changed = new TreeSet<>(roles.get("role_0"));
        changed.add("delta:read");
        roles.put("role_0", changed);
        var variants = List.of(read, TenantSnapshot.of(read.tenant(), read.slug(), 0, read.status(), read.versions(),
                read.catalogVersion(), new CacheContent(read.content().status(), read.content().branding(),
                        read.content().rules(), roles)));
        var scratch = new TenantSlug("bench_delta_" + UUID.randomUUID().toString().substring(0, 8));
        var deltas = new ArrayList<Double>();
        for (int i = 0; i < 110; i++) {
            var v = variants.get(i % 2);
            var snapshot = new TenantSnapshot(TenantId.random(), scratch, i + 1, v.status(), v.versions(),
                    v.catalogVersion(), v.content(), v.checksum(), v.roleDigests());
            var t0 = System.nanoTime();
            var outcome = cache.publish(snapshot, PermissionCache.Mode.NORMAL, Instant.now());
            var t1 = System.nanoTime();
            if (i >= 10) { // the first publication writes all roles; later ones one
                assertThat(outcome.rolesWritten()).isEqualTo(1);
                deltas.add((t1 - t0) / 1e6);
            }
        }
        redis.delete(redis.keys(new TenantKeys(scratch).prefix() + "*"));
        Collections.sort(deltas);
        report.append(String.format("  delta path: Lua script when 1 role of %d changed (its ~%d scopes written, %d roles "
                        + "kept) median %.1f ms (p99 %.1f)%n", ROLES, SCOPES, ROLES - 1, pct(deltas, 50), pct(deltas, 99)));

        var keys = new TenantKeys(tenant.slug());
        var roleKeys = IntStream.range(0, ROLES).mapToObj(r -> keys.role("role_" + r)).toList();
        int checks = 20_000;
        var started = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            redis.opsForSet().isMember(roleKeys.get(i % ROLES), "scope_" + (i % SCOPES) + ":read");
        }
        report.append(String.format("SISMEMBER, one thread, one at a time: %,.0f checks/s%n",
                checks / ((System.nanoTime() - started) / 1e9)));

        var pool = Executors.newFixedThreadPool(8);
        started = System.nanoTime();
        var futures = new ArrayList<java.util.concurrent.Future<?>>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < checks / 8; i++) {
                    redis.opsForSet().isMember(roleKeys.get(i % ROLES), "scope_" + (i % SCOPES) + ":read");
                }
            }));
        }
        for (var f : futures) {
            f.get();
        }
        pool.shutdown();
        report.append(String.format("SISMEMBER, 8 threads on the shared connection: %,.0f checks/s%n",
                checks / ((System.nanoTime() - started) / 1e9)));

        int pipelined = 200_000;
        started = System.nanoTime();
        for (int batch = 0; batch < pipelined / 1000; batch++) {
            var results = redis.executePipelined((RedisCallback<Object>) c -> {
                var s = (StringRedisConnection) c;
                for (int i = 0; i < 1000; i++) {
                    s.sIsMember(roleKeys.get(i % ROLES), "scope_" + (i % SCOPES) + ":read");
                }
                return null;
            });
            assertThat(results).hasSize(1000).allMatch(Boolean.TRUE::equals);
        }
        report.append(String.format("SISMEMBER, pipelined in batches of 1,000: %,.0f checks/s%n",
                pipelined / ((System.nanoTime() - started) / 1e9)));
    }

    private void rebuild() {
        var now = Timestamp.from(Instant.now());
        var ids = new ArrayList<UUID>();
        var tenantRows = new ArrayList<Object[]>();
        var configRows = new ArrayList<Object[]>();
        var access = matrixJson(10, 20, 0);
        for (int i = 0; i < TENANTS; i++) {
            var id = UUID.randomUUID();
            ids.add(id);
            tenantRows.add(new Object[] {id, "fleet_" + i + "_" + id.toString().substring(0, 6), "Fleet " + i,
                    "ops@example.com", "ACTIVE", now, now});
            configRows.add(new Object[] {id, "access", access, now});
            configRows.add(new Object[] {id, "branding", "{\"displayName\":\"Fleet " + i + "\"}", now});
            configRows.add(new Object[] {id, "rules", "{\"maxOrder\":" + (1000 + i) + "}", now});
        }
        jdbc.batchUpdate("INSERT INTO " + SCHEMA + ".tenant (id, slug, display_name, contact_email, status, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", tenantRows);
        jdbc.batchUpdate("INSERT INTO " + SCHEMA + ".config_version (tenant_id, area, version, content, author, comment, "
                + "created_at) VALUES (?, ?, 1, ?::jsonb, 'bench', 'bench', ?)", configRows);

        for (int run = 1; run <= 2; run++) {
            var progress = new java.util.concurrent.atomic.AtomicInteger();
            var result = publishing.rebuildAll((done, total, failed) -> progress.set(done));
            assertThat(result.failures()).isEmpty();
            report.append(String.format("rebuild %s: %,d tenants (10 roles x 20 scopes, branding, rules each) in %,d ms "
                            + "(%d workers)%n", run == 1 ? "cold" : "warm", result.tenants(), result.took().toMillis(), 4));
        }
        var reconcile = Instant.now();
        var reconciled = publishing.reconcileAll();
        assertThat(reconciled.drifted()).isZero();
        report.append(String.format("reconcile all (no drift): %,d tenants in %,d ms%n", reconciled.checked(),
                Duration.between(reconcile, Instant.now()).toMillis()));
    }

    private static String matrix(int revision) {
        return matrixJson(ROLES, SCOPES, revision);
    }

    /** {@code roles} roles of {@code scopes} scopes; the revision changes one scope so every save differs. */
    private static String matrixJson(int roles, int scopes, int revision) {
        return "{\"catalogVersion\":\"2026.11\",\"roles\":[" + IntStream.range(0, roles).mapToObj(r ->
                "{\"key\":\"role_" + r + "\",\"name\":\"Role " + r + "\",\"scopes\":[" + IntStream.range(0, scopes)
                        .mapToObj(s -> "\"scope_" + s + ":read\"").collect(Collectors.joining(","))
                        + (r == 0 ? ",\"revision:" + revision + "\"" : "") + "]}")
                .collect(Collectors.joining(",")) + "]}";
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
