package io.concierge.publishing;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.publishing.internal.CacheContent;
import io.concierge.publishing.internal.PermissionCache;
import io.concierge.publishing.internal.SnapshotReader;
import io.concierge.publishing.internal.TenantKeys;
import io.concierge.shared.TenantSlug;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.concierge.publishing.PublishingFixtures.roles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PublishingTests extends IntegrationTest {

    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;
    @Autowired
    PublishingService publishing;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    PermissionCache cache;
    @Autowired
    SnapshotReader snapshots;
    @Autowired
    PlatformTransactionManager transactionManager;

    PublishingFixtures fixtures;

    @BeforeEach
    void asOperator() {
        signIn(OPERATOR);
        fixtures = new PublishingFixtures(tenants, store);
    }

    @Test
    void a_saved_matrix_reaches_redis_as_one_set_per_role_with_meta_status_and_documents() {
        var tenant = fixtures.activeTenant(uniqueSlug("pub"));
        fixtures.save(tenant, ConfigArea.BRANDING, "{\"displayName\":\"Acme\"}");
        var accessVersion = fixtures.saveRoles(tenant, roles("investor", "orders:create portfolio:read", "viewer",
                "portfolio:read"));
        var keys = new TenantKeys(tenant.slug());

        awaitUpToDate(tenant);
        assertThat(redis.opsForSet().isMember(keys.role("investor"), "orders:create")).isTrue();
        assertThat(redis.opsForSet().isMember(keys.role("viewer"), "orders:create")).isFalse();
        assertThat(redis.opsForSet().members(keys.roles())).containsExactlyInAnyOrder("investor", "viewer");
        assertThat(redis.opsForValue().get(keys.status())).isEqualTo("ACTIVE");
        assertThat(redis.opsForValue().get(keys.branding())).isEqualTo("{\"version\":1,\"content\":{\"displayName\":\"Acme\"}}");
        assertThat(redis.hasKey(keys.rules())).as("rules were never saved").isFalse();
        Map<Object, Object> meta = redis.opsForHash().entries(keys.meta());
        assertThat(meta).containsEntry("contract", "1").containsEntry("tenant", tenant.slug().value())
                .containsEntry("status", "ACTIVE").containsEntry("branding_version", "1")
                .containsEntry("access_version", String.valueOf(accessVersion)).containsEntry("rules_version", "0")
                .containsEntry("catalog_version", "2026.11").containsKeys("published_at", "checksum", "sequence");
        assertThat(meta.get("checksum")).isEqualTo(cache.read(tenant.slug()).content().checksum());

        var status = publishing.status(tenant.id());
        assertThat(status.upToDate()).isTrue();
        assertThat(status.areas()).extracting(AreaPublication::area, AreaPublication::savedVersion,
                AreaPublication::publishedVersion).contains(
                org.assertj.core.groups.Tuple.tuple(ConfigArea.BRANDING, 1L, 1L),
                org.assertj.core.groups.Tuple.tuple(ConfigArea.ACCESS, accessVersion, accessVersion),
                org.assertj.core.groups.Tuple.tuple(ConfigArea.RULES, 0L, 0L));
        assertThat(publishing.isUpToDate(tenant.id())).isTrue();
    }

    @Test
    void every_publication_is_announced_on_the_channel() throws Exception {
        var tenant = fixtures.activeTenant(uniqueSlug("chan"));
        var messages = Collections.synchronizedList(new ArrayList<String>());
        MessageListener listener = (Message message, byte[] pattern) -> messages.add(new String(message.getBody()));
        var connection = redis.getConnectionFactory().getConnection();
        try {
            connection.subscribe(listener, TenantKeys.CHANNEL.getBytes());
            fixtures.saveRoles(tenant, roles("investor", "orders:create"));
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> messages.stream()
                    .anyMatch(m -> m.contains("\"tenant\":\"" + tenant.slug() + "\"") && m.contains("\"status\":\"ACTIVE\"")));
        } finally {
            connection.close();
        }
    }

    @Test
    void a_transaction_publishes_exactly_the_state_it_committed() {
        var tenant = fixtures.activeTenant(uniqueSlug("held"));
        awaitUpToDate(tenant);
        var messages = Collections.synchronizedList(new ArrayList<String>());
        var connection = redis.getConnectionFactory().getConnection();
        try {
            connection.subscribe((message, pattern) -> messages.add(new String(message.getBody())),
                    TenantKeys.CHANNEL.getBytes());
            var transactions = new TransactionTemplate(transactionManager);
            transactions.executeWithoutResult(status -> {
                // two areas in one transaction: one publication of both, the state a read after the commit finds
                fixtures.saveRoles(tenant, roles("investor", "orders:create portfolio:read"));
                fixtures.save(tenant, ConfigArea.RULES, "{\"maxOrder\":2500}");
            });
            awaitUpToDate(tenant);
            var committed = snapshots.read(tenant.id());
            assertThat(announced(messages, tenant)).singleElement().satisfies(m -> assertThat(m)
                    .contains("\"sequence\":" + committed.sequence(), "\"checksum\":\"" + committed.checksum() + "\""));
            var keys = new TenantKeys(tenant.slug());
            assertThat(redis.opsForValue().get(keys.rules())).isEqualTo("{\"version\":1,\"content\":{\"maxOrder\":2500}}");
            assertThat(redis.opsForSet().members(keys.role("investor"))).containsExactlyInAnyOrder("orders:create",
                    "portfolio:read");

            // a status change with a save: only the suspended state is ever announced, never the save without it
            messages.clear();
            transactions.executeWithoutResult(status -> {
                fixtures.save(tenant, ConfigArea.RULES, "{\"maxOrder\":100}");
                tenants.suspend(tenant.id(), "Compliance review");
            });
            awaitUpToDate(tenant);
            assertThat(announced(messages, tenant)).isNotEmpty().allMatch(m -> m.contains("\"status\":\"SUSPENDED\""));
            assertThat(redis.opsForValue().get(keys.rules())).isEqualTo("{\"version\":2,\"content\":{\"maxOrder\":100}}");
        } finally {
            connection.close();
        }
    }

    private static java.util.stream.Stream<String> announced(List<String> messages, TenantSummary tenant) {
        return List.copyOf(messages).stream().filter(m -> m.contains("\"tenant\":\"" + tenant.slug() + "\""));
    }

    private long sequence(TenantSummary tenant) {
        return publishing.status(tenant.id()).sequence();
    }

    @Test
    void a_rolled_back_save_is_not_published_and_its_version_number_serves_the_next_save() {
        var tenant = fixtures.activeTenant(uniqueSlug("undo"));
        fixtures.save(tenant, ConfigArea.BRANDING, "{\"displayName\":\"Acme\"}");
        awaitUpToDate(tenant);
        var before = sequence(tenant);

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            fixtures.save(tenant, ConfigArea.BRANDING, "{\"displayName\":\"Rolled back\"}");
            status.setRollbackOnly();
        });
        assertThat(sequence(tenant)).isEqualTo(before);
        fixtures.save(tenant, ConfigArea.BRANDING, "{\"displayName\":\"Acme Invest\"}");
        awaitUpToDate(tenant);

        assertThat(redis.opsForValue().get(new TenantKeys(tenant.slug()).branding()))
                .isEqualTo("{\"version\":2,\"content\":{\"displayName\":\"Acme Invest\"}}");
    }

    @Test
    void removed_roles_and_scopes_disappear_from_redis() {
        var tenant = fixtures.activeTenant(uniqueSlug("rm"));
        var keys = new TenantKeys(tenant.slug());
        fixtures.saveRoles(tenant, roles("investor", "orders:create portfolio:read", "trader", "orders:create"));
        awaitUpToDate(tenant);
        fixtures.saveRoles(tenant, roles("investor", "portfolio:read"));
        awaitUpToDate(tenant);

        assertThat(redis.opsForSet().members(keys.role("investor"))).containsExactly("portfolio:read");
        assertThat(redis.hasKey(keys.role("trader"))).isFalse();
        assertThat(redis.opsForSet().members(keys.roles())).containsExactly("investor");
    }

    @Test
    void an_older_or_repeated_publication_is_refused_and_leaves_the_newer_state() {
        var tenant = fixtures.activeTenant(uniqueSlug("order"));
        var keys = new TenantKeys(tenant.slug());
        fixtures.saveRoles(tenant, roles("investor", "orders:create"));
        awaitUpToDate(tenant);
        var older = snapshots.read(tenant.id());
        fixtures.saveRoles(tenant, roles("investor", "portfolio:read"));
        awaitUpToDate(tenant);
        var newer = snapshots.read(tenant.id());

        var late = cache.publish(older, PermissionCache.Mode.NORMAL, Instant.now());
        var twice = cache.publish(newer, PermissionCache.Mode.NORMAL, Instant.now());

        assertThat(late.written()).as("older sequence arriving late").isFalse();
        assertThat(late.heldSequence()).isEqualTo(newer.sequence());
        assertThat(twice.written()).as("the same sequence again").isFalse();
        assertThat(redis.opsForSet().members(keys.role("investor"))).containsExactly("portfolio:read");
        assertThat(redis.opsForHash().get(keys.meta(), "sequence")).isEqualTo(Long.toString(newer.sequence()));
    }

    @Test
    void suspension_is_published_and_offboarding_withdraws_every_grant() {
        var tenant = fixtures.activeTenant(uniqueSlug("susp"));
        var keys = new TenantKeys(tenant.slug());
        fixtures.saveRoles(tenant, roles("investor", "orders:create"));
        awaitUpToDate(tenant);

        tenants.suspend(tenant.id(), "unpaid invoices");
        awaitUpToDate(tenant);
        assertThat(redis.opsForValue().get(keys.status())).isEqualTo("SUSPENDED");
        assertThat(publishing.status(tenant.id()).publishedStatus()).isEqualTo("SUSPENDED");

        tenants.offboard(tenant.id(), tenant.slug().value());
        awaitUpToDate(tenant);
        assertThat(redis.opsForValue().get(keys.status())).isEqualTo("OFFBOARDED");
        assertThat(redis.hasKey(keys.role("investor"))).isFalse();
        assertThat(redis.hasKey(keys.roles())).isFalse();
    }

    @Test
    void a_tenant_with_invalid_data_fails_with_its_reason_and_is_retried_while_others_are_published() {
        var bad = fixtures.activeTenant(uniqueSlug("bad"));
        var good = fixtures.activeTenant(uniqueSlug("good"));
        fixtures.save(bad, ConfigArea.ACCESS, "{\"roles\":[{\"key\":\"Bad Role\",\"scopes\":[\"orders:create\"]}]}");
        fixtures.saveRoles(good, roles("investor", "orders:create"));

        awaitUpToDate(good);
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> publishing.status(bad.id()).attempts() >= 2);
        var status = publishing.status(bad.id());
        assertThat(status.failing()).isTrue();
        assertThat(status.lastError()).contains("role key 'Bad Role' is not valid");
        assertThat(status.areas()).filteredOn(a -> a.area() == ConfigArea.ACCESS).singleElement()
                .satisfies(a -> assertThat(a.error()).contains("Bad Role"));
        assertThat(publishing.isUpToDate(bad.id())).isFalse();

        fixtures.saveRoles(bad, roles("bad_role", "orders:create"));
        awaitUpToDate(bad);
        assertThat(publishing.status(bad.id()).lastError()).isNull();
    }

    @Test
    void a_key_of_the_wrong_type_is_repaired_by_the_next_publication_of_its_tenant_only() {
        var broken = fixtures.activeTenant(uniqueSlug("wrong"));
        var other = fixtures.activeTenant(uniqueSlug("other"));
        var keys = new TenantKeys(broken.slug());
        awaitUpToDate(broken);
        redis.delete(keys.roles());
        redis.opsForValue().set(keys.roles(), "someone else's string");

        fixtures.saveRoles(broken, roles("investor", "orders:create"));
        fixtures.saveRoles(other, roles("investor", "orders:create"));
        awaitUpToDate(other);
        awaitUpToDate(broken);

        assertThat(redis.opsForSet().members(keys.roles())).containsExactly("investor");
        assertThat(publishing.status(broken.id()).lastError()).isNull();
        assertThat(publishing.reconcile(broken.id()).drifted()).isZero();
    }

    @Test
    void reconciliation_finds_and_repairs_tampered_keys() {
        var tenant = fixtures.activeTenant(uniqueSlug("drift"));
        var keys = new TenantKeys(tenant.slug());
        fixtures.save(tenant, ConfigArea.RULES, "{\"maxOrder\":1000}");
        fixtures.saveRoles(tenant, roles("investor", "orders:create portfolio:read", "viewer", "portfolio:read"));
        awaitUpToDate(tenant);
        var expected = cache.read(tenant.slug()).content();
        assertThat(publishing.reconcile(tenant.id()).drifted()).as("in sync before tampering").isZero();

        redis.opsForSet().add(keys.role("viewer"), "orders:create");          // a grant nobody saved
        redis.delete(keys.role("investor"));                                   // a role lost
        redis.opsForValue().set(keys.rules(), "{\"version\":1,\"content\":{\"maxOrder\":999999}}");
        redis.opsForSet().add(keys.rolePrefix() + "admin", "everything:*");     // a role nobody published

        var result = publishing.reconcile(tenant.id());

        assertThat(result).isEqualTo(new ReconcileResult(1, 1, 1, List.of()));
        assertThat(cache.read(tenant.slug()).content()).isEqualTo(expected);
        assertThat(redis.hasKey(keys.rolePrefix() + "admin")).isFalse();
        assertThat(publishing.reconcile(tenant.id()).drifted()).isZero();
    }

    @Test
    void a_sequence_the_database_never_issued_is_overwritten_by_reconciliation() {
        var tenant = fixtures.activeTenant(uniqueSlug("seq"));
        var keys = new TenantKeys(tenant.slug());
        fixtures.saveRoles(tenant, roles("investor", "orders:create"));
        awaitUpToDate(tenant);
        redis.opsForHash().put(keys.meta(), "sequence", "999999");

        // a late duplicate publication of this tenant checks its refusal and may have overwritten it already
        assertThat(publishing.reconcile(tenant.id()).repaired()).isLessThanOrEqualTo(1);
        assertThat(redis.opsForHash().get(keys.meta(), "sequence")).isNotEqualTo("999999");
        var sequence = publishing.status(tenant.id()).sequence();
        assertThat(redis.opsForHash().get(keys.meta(), "sequence")).isEqualTo(Long.toString(sequence));
        fixtures.saveRoles(tenant, roles("investor", "portfolio:read"));
        awaitUpToDate(tenant);
        assertThat(redis.opsForSet().members(keys.role("investor"))).containsExactly("portfolio:read");
    }

    @Test
    void the_whole_cache_is_rebuilt_after_redis_lost_everything() {
        var first = fixtures.activeTenant(uniqueSlug("reb"));
        var second = fixtures.activeTenant(uniqueSlug("reb"));
        fixtures.saveRoles(first, roles("investor", "orders:create"));
        fixtures.saveRoles(second, roles("viewer", "portfolio:read"));
        awaitUpToDate(first);
        awaitUpToDate(second);
        var expected = cache.read(first.slug()).content();

        redis.execute((org.springframework.data.redis.core.RedisCallback<Void>) c -> {
            c.serverCommands().flushDb();
            return null;
        });
        var reported = Collections.synchronizedList(new ArrayList<Integer>());
        var result = publishing.rebuildAll((done, total, failed) -> reported.add(done));

        // tenants left failing by other tests in this database may fail again; these two may not
        assertThat(result.failures()).noneMatch(f -> f.startsWith(first.slug() + ":") || f.startsWith(second.slug() + ":"));
        assertThat(result.published()).isEqualTo(result.tenants() - result.failures().size()).isGreaterThanOrEqualTo(2);
        assertThat(reported).hasSize(result.tenants()).contains(result.tenants());
        assertThat(cache.read(first.slug()).content()).isEqualTo(expected);
        assertThat(redis.opsForSet().isMember(new TenantKeys(second.slug()).role("viewer"), "portfolio:read")).isTrue();
        awaitRebuiltAfterFlush();
        var reconciled = publishing.reconcileAll();
        assertThat(reconciled.drifted()).as("drift other than the failing tenants: %s", reconciled)
                .isEqualTo(reconciled.failed());
    }

    @Test
    void a_reader_never_sees_a_mixed_matrix_while_matrices_alternate() throws Exception {
        var slug = new TenantSlug(uniqueSlug("atomic"));
        var keys = new TenantKeys(slug);
        var a = CacheContent.of("ACTIVE", null, null, Map.of("investor", List.of("orders:create", "portfolio:read"),
                "trader", List.of("orders:create", "orders:cancel")));
        var b = CacheContent.of("ACTIVE", null, null, Map.of("investor", List.of("portfolio:read"),
                "viewer", List.of("reports:read")));
        var allRoles = List.of("investor", "trader", "viewer");
        var seen = Collections.synchronizedSet(new java.util.HashSet<String>());
        var mixed = Collections.synchronizedList(new ArrayList<String>());
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var reader = new Thread(() -> {
            while (!stop.get()) {
                var snapshot = readAtomically(keys, allRoles);
                if (snapshot == null) {
                    continue;
                }
                seen.add(snapshot.checksum);
                if (!snapshot.checksum.equals(snapshot.metaChecksum)
                        || !(snapshot.checksum.equals(a.checksum()) || snapshot.checksum.equals(b.checksum()))) {
                    mixed.add(snapshot.toString());
                }
            }
        });
        reader.start();
        var tenant = io.concierge.shared.TenantId.random();
        for (int i = 1; i <= 300; i++) {
            var content = i % 2 == 0 ? a : b;
            cache.publish(io.concierge.publishing.internal.TenantSnapshot.of(tenant, slug, i,
                    io.concierge.tenant.TenantStatus.ACTIVE, Map.of(), "x", content), PermissionCache.Mode.NORMAL, Instant.now());
        }
        stop.set(true);
        reader.join();

        assertThat(mixed).isEmpty();
        assertThat(seen).as("the reader saw both matrices").contains(a.checksum(), b.checksum());
    }

    private record Observed(String checksum, String metaChecksum) {
    }

    /** Reads every role set and the meta checksum in one MULTI/EXEC, as a platform reader needing a consistent view would. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Observed readAtomically(TenantKeys keys, List<String> roleNames) {
        List<Object> results = redis.execute(new org.springframework.data.redis.core.SessionCallback<List<Object>>() {
            @Override
            public List<Object> execute(org.springframework.data.redis.core.RedisOperations operations) {
                operations.multi();
                operations.opsForHash().get(keys.meta(), "checksum");
                operations.opsForValue().get(keys.status());
                for (var role : roleNames) {
                    operations.opsForSet().members(keys.role(role));
                }
                return operations.exec();
            }
        });
        if (results == null || results.get(0) == null) {
            return null;
        }
        var roles = new java.util.TreeMap<String, Set<String>>();
        for (int i = 0; i < roleNames.size(); i++) {
            var members = (Set<String>) results.get(2 + i);
            if (!members.isEmpty()) {
                roles.put(roleNames.get(i), members);
            }
        }
        return new Observed(CacheContent.of((String) results.get(1), null, null, roles).checksum(), (String) results.get(0));
    }

    @Test
    void auditors_read_publication_status_but_cannot_repair_and_partner_admins_see_only_their_tenant() {
        var tenant = fixtures.activeTenant(uniqueSlug("acl"));
        var other = fixtures.activeTenant(uniqueSlug("acl"));
        signIn(AUDITOR);
        assertThat(publishing.status(tenant.id()).slug()).isEqualTo(tenant.slug());
        assertThat(publishing.page(PublicationFilter.ALL, PageRequest.of(0, 50))).isNotEmpty();
        assertThatThrownBy(() -> publishing.reconcile(tenant.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> publishing.reconcileAll()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> publishing.rebuildAll((d, t, f) -> { })).isInstanceOf(AccessDeniedException.class);

        signIn(partnerAdmin(tenant.id(), tenant.slug()));
        assertThat(publishing.isUpToDate(tenant.id())).isNotNull();
        assertThatThrownBy(() -> publishing.status(other.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> publishing.page(PublicationFilter.ALL, PageRequest.of(0, 50)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> publishing.reconcile(tenant.id())).isInstanceOf(AccessDeniedException.class);
    }

    private void awaitUpToDate(TenantSummary tenant) {
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> publishing.status(tenant.id()).upToDate());
    }

    /** The console's own rebuild after the flush (see RedisWatch) has started and finished. */
    private void awaitRebuiltAfterFlush() {
        await().pollInSameThread().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                cache.servers().stream().allMatch(PermissionCache.Server::marked) && publishing.recovery().isEmpty());
    }
}
