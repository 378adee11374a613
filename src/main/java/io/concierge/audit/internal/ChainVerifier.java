package io.concierge.audit.internal;

import io.concierge.audit.AuditAction;
import io.concierge.audit.AuditCheckpoint;
import io.concierge.audit.IntegrityReport;
import io.concierge.audit.IntegrityReport.BrokenEntry;
import org.springframework.stereotype.Component;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * Recomputes the hash chain from the first entry, a batch at a time (memory stays flat however long the
 * history), and names the first entry whose content no longer matches its hash, whose link does not match the
 * entry before it, or whose hash or position contradicts a signed checkpoint; or, when the chain ends before the
 * newest checkpoint's entry, the last entry left and how many are missing after it.
 *
 * <p>Entries before the first key change carry the legacy unkeyed hash; from a key change on, every entry is
 * keyed with the key it names (the key-change entry itself included), so nobody without the key can rewrite
 * the keyed part. Checkpoints whose signature does not verify are ignored.
 */
@Component
public class ChainVerifier {

    static final int BATCH = 2_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private final AuditQueries queries;
    private final ChainKeys keys;
    private final AuditCheckpoints checkpoints;

    ChainVerifier(AuditQueries queries, ChainKeys keys, AuditCheckpoints checkpoints) {
        this.queries = queries;
        this.keys = keys;
        this.checkpoints = checkpoints;
    }

    public IntegrityReport verify() {
        List<AuditCheckpoint> stored;
        Optional<String> warning = Optional.empty();
        try {
            stored = checkpoints.stored().stream().filter(checkpoints::authentic).toList();
        } catch (RuntimeException e) {
            stored = List.of();
            warning = Optional.of("Redis did not answer, so the chain was not compared with its checkpoints: "
                    + "removed newest entries would go unnoticed. Verify again when Redis is back.");
        }
        var byEntry = new HashMap<Long, AuditCheckpoint>();
        stored.forEach(c -> byEntry.putIfAbsent(c.entryId(), c));
        var newest = stored.stream().max(Comparator.comparingLong(AuditCheckpoint::entryId));
        if (warning.isEmpty() && stored.isEmpty()) {
            warning = Optional.of("No checkpoint to compare with yet: removed newest entries would go unnoticed.");
        }

        var expectedPrev = EntryHasher.GENESIS;
        String key = null;
        AuditQueries.StoredEntry last = null;
        long checked = 0;
        while (true) {
            var batch = queries.chainAfter(last == null ? 0 : last.entry().id(), BATCH);
            for (var row : batch) {
                var e = row.entry();
                var report = new Checks(checked, stored.size(), warning);
                if (!e.prevHash().equals(expectedPrev)) {
                    return report.broken(row, last == null
                            ? "the first entry does not start the chain: earlier entries were removed"
                            : "its link does not match entry " + last.entry().id()
                            + ": an entry between them was removed or entry " + last.entry().id() + " was rewritten");
                }
                if (e.action() == AuditAction.CHAIN_KEY_CHANGED) {
                    key = e.target();
                }
                String expected;
                if (key == null) {
                    expected = EntryHasher.legacyHash(e, row.before(), row.after());
                } else if (!keys.knows(key)) {
                    return report.broken(row, "it is keyed with chain key '" + key + "', which is not configured: "
                            + "add it to concierge.audit.retired-chain-keys to verify the entries it keyed");
                } else {
                    expected = EntryHasher.keyedHash(keys, key, e, row.before(), row.after()).orElseThrow();
                }
                if (!expected.equals(e.hash())) {
                    return report.broken(row, "its content no longer matches its hash: it was altered");
                }
                var checkpoint = byEntry.get(e.id());
                if (checkpoint != null && (checkpoint.count() != checked + 1 || !checkpoint.headHash().equals(e.hash()))) {
                    return report.broken(row, "it contradicts the checkpoint signed at " + TIME.format(checkpoint.at())
                            + " (entry " + checkpoint.count() + " of the chain, hash " + checkpoint.headHash()
                            + "): the chain was rewritten up to here");
                }
                expectedPrev = e.hash();
                last = row;
                checked++;
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        var report = new Checks(checked, stored.size(), warning);
        if (newest.isPresent() && (last == null || last.entry().id() < newest.get().entryId())) {
            var c = newest.get();
            var missing = c.count() - checked;
            var reason = "entries are missing after it: the checkpoint signed at " + TIME.format(c.at()) + " counted "
                    + c.count() + " entries up to entry " + c.entryId() + ", the chain now holds " + checked
                    + (missing > 0 ? " (" + missing + " missing)" : "");
            if (last == null) {
                return new IntegrityReport(0, stored.size(), warning,
                        Optional.of(new BrokenEntry(0, c.at(), "(none)", null, "The chain is empty: " + reason)));
            }
            return report.broken(last, reason);
        }
        return new IntegrityReport(checked, stored.size(), warning, Optional.empty());
    }

    private record Checks(long checked, long checkpoints, Optional<String> warning) {
        IntegrityReport broken(AuditQueries.StoredEntry stored, String reason) {
            var e = stored.entry();
            return new IntegrityReport(checked, checkpoints, warning, Optional.of(new BrokenEntry(e.id(),
                    e.occurredAt(), e.action().label(), e.target(), reason)));
        }
    }
}
