package io.concierge.publishing.internal;

import io.concierge.configuration.ConfigurationSaved;
import io.concierge.shared.TenantId;
import io.concierge.tenant.TenantEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox. Inside the transaction that saves configuration or changes a tenant's status, the tenant's
 * publication sequence is raised, so the change and the duty to publish it commit together or not at all. After
 * commit the tenant is handed to the worker; if that never happens (crash, Redis down), the worker's retry loop
 * finds the tenant behind in the database.
 *
 * <p>When a transaction only saved configuration, the tenant's state is read just before its commit, still holding
 * the publication row it raised, and handed to the worker with the tenant, so that nothing but the hand-over and the
 * Redis write stands between the commit and the platform (docs/decisions/2026-12-02-publication-state-from-the-save.md).
 * A transaction that changed a tenant's status hands over only the tenant: the worker reads its state after the
 * commit, as it does whenever no state was handed over.
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
        var sequence = ledger.recordChange(saved.tenant().value(), saved.area(), saved.version(), clock.instant());
        pending(saved.tenant()).saved(sequence, prepare(saved));
    }

    /**
     * The saved content prepared before the commit, so that nothing but the hand-over stands between the commit and
     * the worker; it holds nothing when that failed, which never refuses the save: the publication reads the version
     * itself.
     */
    private SnapshotReader.Ready prepare(ConfigurationSaved saved) {
        try {
            return snapshots.ready(saved.tenant(), saved.area(), saved.version(), saved.after());
        } catch (RuntimeException e) {
            log.warn("Preparing the publication of a save failed; the publication reads it instead", e);
            return snapshots.unprepared(saved.tenant(), saved.area(), saved.version());
        }
    }

    /** A schema upgrade is not a status change: it leaves the cache (whose only tenant fact is the status) as it was. */
    @EventListener
    void recordStatus(TenantEvent.StatusChanged event) {
        ledger.recordChange(event.tenant().value(), null, 0, clock.instant());
        pending(event.tenant()).statusChanged();
    }

    /**
     * The current transaction's hand-over of {@code tenant}; without a transaction the change is committed already,
     * and one that hands over at once.
     */
    private Pending pending(TenantId tenant) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new Pending(tenant, true);
        }
        // the transaction's synchronizations, not a bound resource: those are suspended with it, so a transaction
        // started inside this one (REQUIRES_NEW) hands over its own changes when it commits
        var handOver = TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(HandOver.class::isInstance).map(HandOver.class::cast).findFirst().orElseGet(() -> {
                    var created = new HandOver();
                    TransactionSynchronizationManager.registerSynchronization(created);
                    return created;
                });
        return handOver.tenants.computeIfAbsent(tenant, t -> new Pending(t, false));
    }

    /** What one transaction changed of one tenant, and, once it commits, the state to hand over with it. */
    private final class Pending {
        private final TenantId tenant;
        private final boolean committed;
        private final List<SnapshotReader.Ready> saved = new ArrayList<>();
        private long sequence;
        private boolean statusChanged;
        private TenantSnapshot state;

        /** {@code committed}: the change is committed already (there is no transaction), so it is handed over at once. */
        Pending(TenantId tenant, boolean committed) {
            this.tenant = tenant;
            this.committed = committed;
        }

        void saved(long sequence, SnapshotReader.Ready prepared) {
            this.sequence = sequence;
            saved.add(prepared);
            if (committed) {
                handOver();
            }
        }

        void statusChanged() {
            statusChanged = true;
            if (committed) {
                handOver();
            }
        }

        /** Still in the transaction, after its last change: the state it commits, unless its status changed. */
        void read() {
            if (statusChanged) {
                return; // read after the commit: the status may still sit unflushed in the persistence context
            }
            try {
                state = snapshots.readHeld(tenant, sequence, saved).orElse(null);
            } catch (RuntimeException e) {
                // never fails the save: the worker reads the state after the commit instead
                log.warn("Reading tenant {}'s state for its publication failed; the publication reads it instead",
                        tenant, e);
            }
        }

        /** After the commit: the saved versions are immutable now, so the publication need not read them back. */
        void handOver() {
            try {
                saved.forEach(SnapshotReader.Ready::committed);
                worker.kick(tenant, state);
            } catch (RuntimeException e) {
                // the change is committed and must not fail its caller; the retry loop publishes the tenant
                log.warn("Handing a committed change of tenant {} to the publication worker failed", tenant, e);
            }
        }
    }

    /** One per transaction: reads each changed tenant's state before the commit and hands it over after. */
    private final class HandOver implements TransactionSynchronization {
        private final Map<TenantId, Pending> tenants = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            tenants.values().forEach(Pending::read);
        }

        @Override
        public void afterCommit() {
            tenants.values().forEach(Pending::handOver);
        }
    }
}
