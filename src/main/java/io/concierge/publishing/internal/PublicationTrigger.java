package io.concierge.publishing.internal;

import io.concierge.configuration.ConfigurationSaved;
import io.concierge.tenant.TenantEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;

/**
 * The outbox. Inside the transaction that saves configuration or changes a tenant's status, the tenant's
 * publication sequence is raised, so the change and the duty to publish it commit together or not at all. After
 * commit the tenant is handed to the worker; if that never happens (crash, Redis down), the worker's retry loop
 * finds the tenant behind in the database.
 *
 * <p>The hand-over is a plain after-commit callback, not a {@code @TransactionalEventListener}: Spring Modulith
 * records every such listener's event in its publication registry, which for a configuration save means
 * serialising both versions of the content into the save's transaction (about a megabyte for a 50 x 300 matrix)
 * and marking it completed in another transaction after commit, while the publication it triggered is running.
 * The sequence in the database already is this outbox's durable record.
 */
@Component
class PublicationTrigger {

    private static final Logger log = LoggerFactory.getLogger(PublicationTrigger.class);

    private final PublicationLedger ledger;
    private final PublicationWorker worker;
    private final SnapshotReader snapshots;
    private final Clock clock;

    PublicationTrigger(PublicationLedger ledger, PublicationWorker worker, SnapshotReader snapshots, Clock clock) {
        this.ledger = ledger;
        this.worker = worker;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @EventListener
    void recordSave(ConfigurationSaved saved) {
        ledger.recordChange(saved.tenant().value(), saved.area(), saved.version(), clock.instant());
        var prepared = prepare(saved);
        afterCommit(() -> {
            // committed, hence immutable: the publication need not read this content back
            if (prepared != null) {
                prepared.committed();
            }
            worker.kick(saved.tenant());
        });
    }

    /**
     * The saved content prepared before the commit, so that nothing but the hand-over stands between the commit and
     * the worker; null when that failed, which never refuses the save: the publication reads the version itself.
     */
    private SnapshotReader.Ready prepare(ConfigurationSaved saved) {
        try {
            return snapshots.ready(saved.tenant(), saved.area(), saved.version(), saved.after());
        } catch (RuntimeException e) {
            log.warn("Preparing the publication of a save failed; the publication reads it instead", e);
            return null;
        }
    }

    /** A schema upgrade is not a status change: it leaves the cache (whose only tenant fact is the status) as it was. */
    @EventListener
    void recordStatus(TenantEvent.StatusChanged event) {
        ledger.recordChange(event.tenant().value(), null, 0, clock.instant());
        afterCommit(() -> worker.kick(event.tenant()));
    }

    /** Runs the hand-over after commit (at once when there is no transaction: the change is committed already). */
    private static void afterCommit(Runnable handOver) {
        Runnable guarded = () -> {
            try {
                handOver.run();
            } catch (RuntimeException e) {
                // the change is committed and must not fail its caller; the retry loop publishes the tenant
                log.warn("Handing a committed change to the publication worker failed", e);
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    guarded.run();
                }
            });
        } else {
            guarded.run();
        }
    }
}
