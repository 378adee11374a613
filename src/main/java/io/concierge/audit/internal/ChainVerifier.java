package io.concierge.audit.internal;

import io.concierge.audit.IntegrityReport;
import io.concierge.audit.IntegrityReport.BrokenEntry;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Recomputes the hash chain from the first entry, a batch at a time (memory stays flat however long the
 * history), and names the first entry whose content no longer matches its hash or whose link does not match
 * the entry before it.
 */
@Component
public class ChainVerifier {

    static final int BATCH = 2_000;

    private final AuditQueries queries;

    ChainVerifier(AuditQueries queries) {
        this.queries = queries;
    }

    public IntegrityReport verify() {
        var expectedPrev = EntryHasher.GENESIS;
        long lastId = 0;
        long checked = 0;
        while (true) {
            var batch = queries.chainAfter(lastId, BATCH);
            for (var stored : batch) {
                var e = stored.entry();
                if (!e.prevHash().equals(expectedPrev)) {
                    return broken(checked, stored, lastId == 0
                            ? "the first entry does not start the chain: earlier entries were removed"
                            : "its link does not match entry " + lastId
                            + ": an entry between them was removed or entry " + lastId + " was rewritten");
                }
                if (!EntryHasher.hash(e, stored.before(), stored.after()).equals(e.hash())) {
                    return broken(checked, stored, "its content no longer matches its hash: it was altered");
                }
                expectedPrev = e.hash();
                lastId = e.id();
                checked++;
            }
            if (batch.size() < BATCH) {
                return new IntegrityReport(checked, Optional.empty());
            }
        }
    }

    private static IntegrityReport broken(long checked, AuditQueries.StoredEntry stored, String reason) {
        var e = stored.entry();
        return new IntegrityReport(checked, Optional.of(new BrokenEntry(e.id(), e.occurredAt(), e.action().label(),
                e.target(), reason)));
    }
}
