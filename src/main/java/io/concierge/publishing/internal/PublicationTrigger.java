package io.concierge.publishing.internal;

import io.concierge.configuration.ConfigurationSaved;
import io.concierge.tenant.TenantEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Clock;

/**
 * The outbox. Inside the transaction that saves configuration or changes a tenant's status, the tenant's
 * publication sequence is raised, so the change and the duty to publish it commit together or not at all. After
 * commit the tenant is handed to the worker; if that never happens (crash, Redis down), the worker's retry loop
 * finds the tenant behind in the database.
 */
@Component
class PublicationTrigger {

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
    }

    @EventListener
    void recordStatus(TenantEvent.StatusChanged event) {
        ledger.recordChange(event.tenant().value(), null, 0, clock.instant());
    }

    @TransactionalEventListener
    void publishSave(ConfigurationSaved saved) {
        // committed, hence immutable: the publication need not read this content back
        snapshots.committed(saved.tenant(), saved.area(), saved.version(), saved.after());
        worker.kick(saved.tenant());
    }

    /** A schema upgrade is not a status change: it leaves the cache (whose only tenant fact is the status) as it was. */
    @TransactionalEventListener
    void publishStatus(TenantEvent.StatusChanged event) {
        worker.kick(event.tenant());
    }
}
