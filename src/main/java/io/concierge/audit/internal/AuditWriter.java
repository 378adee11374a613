package io.concierge.audit.internal;

import io.concierge.audit.AuditAction;
import io.concierge.audit.AuditArea;
import io.concierge.audit.AuditEntry;
import io.concierge.security.CurrentUser;
import io.concierge.shared.ConsoleSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Appends entries to the chain. Appends are serialised by a transaction-scoped advisory lock held until the
 * appending transaction ends, so the head read under the lock is the committed head and the chain cannot
 * fork; the id and time are taken under the lock too, so id order is chain order and time never goes back.
 *
 * <p>Two ways in: {@link #append} joins the caller's transaction (a change and its entry commit or roll back
 * together); {@link #appendIndependently} writes in a transaction of its own once the caller's transaction
 * has ended, whatever its outcome (refusals and sign-in failures, which often happen in transactions that
 * roll back). Such a write waits while this thread's enclosing transaction still holds the chain lock, which
 * would otherwise wait on itself.
 */
@Component
class AuditWriter {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    /** Advisory lock key of the chain ("audit" in ASCII); no other part of the console uses it. */
    static final long CHAIN_LOCK = 0x6175646974L;
    private static final int MAX_ACTOR = 100;
    private static final int MAX_TARGET = 300;
    private static final int MAX_DETAIL = 1000;
    private static final int MAX_ADDRESS = 64;

    /** How many transactions on this thread (nested by REQUIRES_NEW) hold the chain lock right now. */
    private static final ThreadLocal<Integer> LOCKS_HELD = ThreadLocal.withInitial(() -> 0);
    private static final ThreadLocal<Deque<Supplier<PendingEntry>>> WAITING = ThreadLocal.withInitial(ArrayDeque::new);

    private final JdbcTemplate jdbc;
    /** The console\'s own schema, quoted, where the audit table lives. */
    private final String schema;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final ChainKeys keys;
    private final AuditCheckpoints checkpoints;

    AuditWriter(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                ConsoleSchema consoleSchema, ChainKeys keys, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.checkpoints = checkpoints;
        this.schema = consoleSchema.quoted();
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Appends in the caller's transaction (or a new one when there is none). */
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry append(PendingEntry pending) {
        return write(pending);
    }

    /**
     * Appends in a transaction of its own after the caller's transaction (if any) has ended. The entry is built
     * then, so look-ups it needs never run in a transaction that has failed.
     */
    public void appendIndependently(Supplier<PendingEntry> pending) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    writeWhenFree(pending);
                }
            });
        } else {
            writeWhenFree(pending);
        }
    }

    private void writeWhenFree(Supplier<PendingEntry> pending) {
        if (LOCKS_HELD.get() > 0) {
            WAITING.get().add(pending);
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> write(pending.get()));
        } catch (RuntimeException e) {
            // nothing may break the caller (a refusal is thrown right after); the log keeps what was lost
            log.error("Could not record an audit entry independently of its transaction", e);
        }
    }

    /**
     * Appends under the chain lock. When the newest key change in the chain names another key than the current
     * one (or there is none yet: a chain from before keys), a key-change entry goes first; it is keyed with the
     * new key and, being in the chain, cannot be removed or rewritten without breaking it.
     */
    private AuditEntry write(PendingEntry p) {
        lockChain();
        var head = jdbc.query("SELECT hash, occurred_at FROM " + schema + ".audit_entry ORDER BY id DESC LIMIT 1",
                rs -> rs.next() ? new Head(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()) : null);
        var chainKey = jdbc.query("SELECT target FROM " + schema + ".audit_entry WHERE action = ? ORDER BY id DESC LIMIT 1",
                rs -> rs.next() ? rs.getString(1) : null, AuditAction.CHAIN_KEY_CHANGED.key());
        if (!keys.currentId().equals(chainKey)) {
            var changed = insert(keyChange(chainKey, head), head);
            head = new Head(changed.hash(), changed.occurredAt());
        }
        var entry = insert(p, head);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                checkpoints.appended();
            }
        });
        return entry;
    }

    private PendingEntry keyChange(String previous, Head head) {
        var detail = previous == null
                ? "The chain is keyed from this entry on. " + (head == null ? "It starts here."
                : "Earlier entries keep their unkeyed SHA-256 hashes; this entry anchors their head " + head.hash() + ".")
                : "Key '" + previous + "' retired: entries from this one on are keyed with '" + keys.currentId() + "'.";
        return new PendingEntry(CurrentUser.SYSTEM.username(), null, null, null, AuditArea.AUDIT,
                AuditAction.CHAIN_KEY_CHANGED, keys.currentId(), detail, null, null, null, null);
    }

    private AuditEntry insert(PendingEntry p, Head head) {
        var id = jdbc.queryForObject("SELECT nextval('" + schema + ".audit_entry_id_seq')", Long.class);
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var occurredAt = head != null && head.occurredAt().isAfter(now) ? head.occurredAt() : now;
        var unhashed = new AuditEntry(id, occurredAt, cut(p.actor(), MAX_ACTOR), p.actorRole(), p.tenant(),
                p.tenantSlug(), p.area(), p.action(), cut(p.target(), MAX_TARGET), cut(p.detail(), MAX_DETAIL),
                cut(p.clientAddress(), MAX_ADDRESS), p.producedVersion(), head == null ? EntryHasher.GENESIS : head.hash(),
                null);
        var hash = EntryHasher.keyedHash(keys, keys.currentId(), unhashed, p.before(), p.after()).orElseThrow();
        jdbc.update("INSERT INTO " + schema + ".audit_entry" + """
                 (id, occurred_at, actor, actor_role, tenant_id, tenant_slug, area,
                    action, target, detail, before_json, after_json, client_address, produced_version, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setLong(1, id);
            ps.setObject(2, OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC));
            ps.setString(3, unhashed.actor());
            ps.setString(4, unhashed.actorRole());
            ps.setObject(5, p.tenant() == null ? null : p.tenant().value(), Types.OTHER);
            ps.setString(6, unhashed.tenantSlug());
            ps.setString(7, p.area().key());
            ps.setString(8, p.action().key());
            ps.setString(9, unhashed.target());
            ps.setString(10, unhashed.detail());
            ps.setString(11, p.before());
            ps.setString(12, p.after());
            ps.setString(13, unhashed.clientAddress());
            ps.setObject(14, p.producedVersion(), Types.BIGINT);
            ps.setString(15, unhashed.prevHash());
            ps.setString(16, hash);
        });
        return new AuditEntry(id, occurredAt, unhashed.actor(), unhashed.actorRole(), unhashed.tenant(),
                unhashed.tenantSlug(), unhashed.area(), unhashed.action(), unhashed.target(), unhashed.detail(),
                unhashed.clientAddress(), unhashed.producedVersion(), unhashed.prevHash(), hash);
    }

    /** Takes the chain lock once per transaction and remembers that this thread holds it until the end. */
    private void lockChain() {
        var alreadyHeld = TransactionSynchronizationManager.getSynchronizations().stream()
                .anyMatch(ChainLockRelease.class::isInstance);
        if (alreadyHeld) {
            return;
        }
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> { }, CHAIN_LOCK);
        LOCKS_HELD.set(LOCKS_HELD.get() + 1);
        TransactionSynchronizationManager.registerSynchronization(new ChainLockRelease());
    }

    /** Ends this thread's hold on the chain with its transaction and writes what waited for it. */
    private final class ChainLockRelease implements TransactionSynchronization {
        @Override
        public void afterCompletion(int status) {
            var held = LOCKS_HELD.get() - 1;
            LOCKS_HELD.set(held);
            if (held > 0) {
                return;
            }
            LOCKS_HELD.remove();
            var waiting = WAITING.get();
            Supplier<PendingEntry> next;
            while (LOCKS_HELD.get() == 0 && (next = waiting.poll()) != null) {
                writeWhenFree(next);
            }
            if (waiting.isEmpty()) {
                WAITING.remove();
            }
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private record Head(String hash, Instant occurredAt) {
    }
}
