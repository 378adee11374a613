package io.concierge.audit.internal;

import io.concierge.audit.AuditAction;
import io.concierge.audit.AuditArea;
import io.concierge.audit.AuditEntry;
import io.concierge.audit.AuditLog;
import io.concierge.audit.IntegrityReport;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.Role;
import io.concierge.shared.ConsoleSchema;
import io.concierge.support.IntegrationTest;
import io.concierge.support.Superuser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks a database superuser can make on the history, each made here over a superuser connection with
 * the append-only triggers off ({@code session_replication_role = replica}), and each detected by "Verify
 * integrity", which names the entry. Appends wait meanwhile (the attacker holds the chain's advisory lock, so
 * the console's own work neither extends nor spoils the forged chain), and every attack is undone afterwards.
 */
class ChainAttackTests extends IntegrationTest {

    @Autowired
    ConsoleUserService users;
    @Autowired
    AuditLog log;
    @Autowired
    AuditQueries queries;
    @Autowired
    AuditCheckpoints checkpoints;
    @Autowired
    ChainKeys keys;
    @Autowired
    AuditProperties properties;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;
    @Autowired
    ConsoleSchema schema;

    private String url;

    @BeforeEach
    void threeFreshEntries() throws SQLException {
        url = Superuser.urlOf(jdbc.getDataSource());
        signIn(OPERATOR);
        for (int i = 0; i < 3; i++) {
            users.createStaff("chain" + uniqueSlug("a").substring(2).replace("_", ""), Role.AUDITOR);
        }
    }

    @Test
    void deleting_the_newest_entries_is_detected_against_the_last_checkpoint() throws Exception {
        var newest = newest(3);
        underAttack(newest.get(0).id(), su -> {
            var checkpoint = checkpoints.take().orElseThrow();
            assertThat(checkpoint.entryId()).isEqualTo(newest.get(2).id());
            exec(su, "DELETE FROM concierge.audit_entry WHERE id >= " + newest.get(0).id());

            var broken = verify().broken().orElseThrow();
            var lastLeft = jdbc.queryForObject("SELECT max(id) FROM concierge.audit_entry", Long.class);
            assertThat(broken.id()).as("the last entry left is named").isEqualTo(lastLeft);
            assertThat(broken.reason()).contains("entries are missing after it")
                    .contains("up to entry " + newest.get(2).id()).contains("(3 missing)");
        });
        assertIntactAgain();
    }

    @Test
    void rewriting_an_entry_and_recomputing_every_later_hash_with_the_old_algorithm_is_detected() throws Exception {
        rewriteAndRecompute(EntryHasher::legacyHash);
    }

    @Test
    void rewriting_an_entry_and_recomputing_every_later_hash_with_plain_sha256_is_detected() throws Exception {
        rewriteAndRecompute((e, before, after) -> EntryHasher.sha256(e.prevHash() + EntryHasher.canonical(e, before, after)));
    }

    @Test
    void rewriting_an_entry_without_recomputing_is_detected() throws Exception {
        var victim = newest(3).get(1);
        underAttack(victim.id(), su -> {
            exec(su, "UPDATE concierge.audit_entry SET detail = 'forged' WHERE id = " + victim.id());
            var broken = verify().broken().orElseThrow();
            assertThat(broken.id()).isEqualTo(victim.id());
            assertThat(broken.reason()).contains("altered");
        });
        assertIntactAgain();
    }

    @Test
    void unkeying_the_chain_by_removing_its_key_changes_and_recomputing_everything_is_detected_by_a_checkpoint()
            throws Exception {
        var firstKeyed = jdbc.queryForObject("SELECT min(id) FROM concierge.audit_entry WHERE action = ?", Long.class,
                AuditAction.CHAIN_KEY_CHANGED.key());
        underAttack(firstKeyed, su -> {
            var checkpoint = checkpoints.take().orElseThrow();
            exec(su, "DELETE FROM concierge.audit_entry WHERE action = '" + AuditAction.CHAIN_KEY_CHANGED.key() + "'");
            recompute(su, firstKeyed, e -> e, EntryHasher::legacyHash);

            var broken = verify().broken().orElseThrow();
            // every hash and link fits the old algorithm now: only what was signed outside the database tells
            assertThat(broken.reason()).contains("contradicts the checkpoint");
            assertThat(broken.id()).isLessThanOrEqualTo(checkpoint.entryId());
        });
        assertIntactAgain();
    }

    @Test
    void a_rotated_key_is_recorded_in_the_chain_and_what_the_old_key_keyed_still_verifies() {
        var retiredId = properties.retiredChainKeys().keySet().iterator().next();
        var rotated = new ChainKeys(new AuditProperties(
                new AuditProperties.ChainKey(retiredId, properties.retiredChainKeys().get(retiredId)),
                Map.of(keys.currentId(), "test-only-audit-chain-key-not-a-secret-0001"), properties.checkpoints()));
        var writer = new AuditWriter(jdbc, transactions, clock, schema, rotated, checkpoints);
        var appended = new TransactionTemplate(transactions).execute(status -> writer.append(new PendingEntry("ops",
                "OPERATOR", null, null, AuditArea.USERS, AuditAction.USER_CREATED, "rotation-probe", null, null, null,
                null, null)));

        var change = queries.chainAfter(appended.id() - 2, 2).stream().map(AuditQueries.StoredEntry::entry)
                .filter(e -> e.action() == AuditAction.CHAIN_KEY_CHANGED).findFirst().orElseThrow();
        assertThat(change.target()).isEqualTo(retiredId);
        assertThat(change.detail()).contains("Key '" + keys.currentId() + "' retired");
        // the console (which knows both keys) keeps verifying, and rotates back on its next append
        assertIntactAgain();
        users.createStaff("chain" + uniqueSlug("r").substring(2).replace("_", ""), Role.AUDITOR);
        assertIntactAgain();
    }

    private void rewriteAndRecompute(Hash attackerHash) throws Exception {
        var victim = newest(3).get(0);
        underAttack(victim.id(), su -> {
            recompute(su, victim.id(), e -> e.id() != victim.id() ? e : new AuditEntry(e.id(), e.occurredAt(),
                    e.actor(), e.actorRole(), e.tenant(), e.tenantSlug(), e.area(), e.action(), e.target(), "forged",
                    e.clientAddress(), e.producedVersion(), e.prevHash(), e.hash()), attackerHash);
            var broken = verify().broken().orElseThrow();
            assertThat(broken.id()).as("the rewritten entry is named").isEqualTo(victim.id());
            assertThat(broken.reason()).contains("altered");
        });
        assertIntactAgain();
    }

    /** Rewrites every entry from {@code fromId} on, re-linking and re-hashing each as the attacker can. */
    private void recompute(Connection su, long fromId, Function<AuditEntry, AuditEntry> change, Hash hash)
            throws SQLException {
        var prev = jdbc.queryForObject("SELECT coalesce((SELECT hash FROM concierge.audit_entry WHERE id < ? "
                + "ORDER BY id DESC LIMIT 1), ?)", String.class, fromId, EntryHasher.GENESIS);
        try (var update = su.prepareStatement(
                "UPDATE concierge.audit_entry SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?")) {
            for (var stored : queries.chainAfter(fromId - 1, Integer.MAX_VALUE)) {
                var e = change.apply(stored.entry());
                var relinked = new AuditEntry(e.id(), e.occurredAt(), e.actor(), e.actorRole(), e.tenant(),
                        e.tenantSlug(), e.area(), e.action(), e.target(), e.detail(), e.clientAddress(),
                        e.producedVersion(), prev, null);
                var h = hash.of(relinked, stored.before(), stored.after());
                update.setString(1, e.detail());
                update.setString(2, prev);
                update.setString(3, h);
                update.setLong(4, e.id());
                update.executeUpdate();
                prev = h;
            }
        }
    }

    /**
     * Runs an attack as the superuser with the triggers off while holding the chain lock, then puts every entry
     * from {@code fromId} on back as it was.
     */
    private void underAttack(long fromId, Attack attack) throws Exception {
        try (var su = Superuser.connect(url)) {
            exec(su, "SELECT pg_advisory_lock(" + AuditWriter.CHAIN_LOCK + ")");
            var saved = rowsFrom(su, fromId);
            try {
                exec(su, "SET session_replication_role = replica");
                attack.run(su);
            } finally {
                exec(su, "SET session_replication_role = replica");
                exec(su, "DELETE FROM concierge.audit_entry WHERE id >= " + fromId);
                for (var row : saved) {
                    var columns = String.join(", ", row.keySet());
                    var marks = String.join(", ", row.keySet().stream().map(k -> "?").toList());
                    try (var insert = su.prepareStatement("INSERT INTO concierge.audit_entry (" + columns
                            + ") VALUES (" + marks + ")")) {
                        var i = 1;
                        for (var value : row.values()) {
                            insert.setObject(i++, value);
                        }
                        insert.executeUpdate();
                    }
                }
                exec(su, "SET session_replication_role = origin");
                exec(su, "SELECT pg_advisory_unlock(" + AuditWriter.CHAIN_LOCK + ")");
            }
        }
    }

    private static List<Map<String, Object>> rowsFrom(Connection su, long fromId) throws SQLException {
        var rows = new ArrayList<Map<String, Object>>();
        try (var select = su.prepareStatement("SELECT * FROM concierge.audit_entry WHERE id >= ? ORDER BY id")) {
            select.setLong(1, fromId);
            try (var rs = select.executeQuery()) {
                var meta = rs.getMetaData();
                while (rs.next()) {
                    var row = new LinkedHashMap<String, Object>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnName(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private IntegrityReport verify() {
        signIn(AUDITOR);
        try {
            return log.verifyIntegrity();
        } finally {
            signIn(OPERATOR);
        }
    }

    private void assertIntactAgain() {
        var report = verify();
        assertThat(report.broken()).as("the chain once the attack is undone").isEmpty();
    }

    /** The newest {@code n} entries, oldest first. */
    private List<AuditEntry> newest(int n) {
        var last = jdbc.queryForObject("SELECT max(id) FROM concierge.audit_entry", Long.class);
        var ids = jdbc.queryForList("SELECT id FROM concierge.audit_entry WHERE id <= ? ORDER BY id DESC LIMIT ?",
                Long.class, last, n);
        return queries.chainAfter(ids.get(ids.size() - 1) - 1, n).stream().map(AuditQueries.StoredEntry::entry).toList();
    }

    private static void exec(Connection su, String sql) throws SQLException {
        try (var statement = su.createStatement()) {
            statement.execute(sql);
        }
    }

    private interface Attack {
        void run(Connection su) throws Exception;
    }

    private interface Hash {
        String of(AuditEntry e, String before, String after);
    }
}
