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
    void recordStatus(TenantEvent event) {
        if (changesStatus(event)) {
            ledger.recordChange(event.tenant().value(), null, 0, clock.instant());
        }
    }

    @TransactionalEventListener
    void publishSave(ConfigurationSaved saved) {
        // committed, hence immutable: the publication need not read this content back
        snapshots.committed(saved.tenant(), saved.area(), saved.version(), saved.after());
        worker.kick(saved.tenant());
    }

    @TransactionalEventListener
    void publishStatus(TenantEvent event) {
        if (changesStatus(event)) {
            worker.kick(event.tenant());
        }
    }

    /** A schema upgrade leaves the status (the only tenant fact in the cache) as it was. */
    private static boolean changesStatus(TenantEvent event) {
        return !(event instanceof TenantEvent.TenantSchemaUpgraded);
    }
}
