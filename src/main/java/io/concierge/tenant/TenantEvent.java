package io.concierge.tenant;

import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

/**
 * Everything that happens to a tenant, published in the transaction that changes it (the outbox). Other
 * modules listen to the concrete records, or to this interface for every lifecycle change.
 */
public sealed interface TenantEvent {

    TenantId tenant();

    TenantSlug slug();

    /** The status the tenant has after the event. */
    TenantStatus status();

    /**
     * An event that changes the tenant's status (every one but a schema upgrade). Listeners that only care about the
     * status listen to this, so that a fleet upgrade of a thousand tenants does not register a thousand event
     * publications for them to ignore.
     */
    sealed interface StatusChanged extends TenantEvent {
    }

    record TenantRegistered(TenantId tenant, TenantSlug slug, String displayName, String contactEmail)
            implements StatusChanged {
        public TenantStatus status() {
            return TenantStatus.PROVISIONING;
        }
    }

    record TenantProvisioningRetried(TenantId tenant, TenantSlug slug, String previousFailure) implements StatusChanged {
        public TenantStatus status() {
            return TenantStatus.PROVISIONING;
        }
    }

    record TenantActivated(TenantId tenant, TenantSlug slug, String changelogVersion) implements StatusChanged {
        public TenantStatus status() {
            return TenantStatus.ACTIVE;
        }
    }

    record TenantProvisioningFailed(TenantId tenant, TenantSlug slug, String reason) implements StatusChanged {
        public TenantStatus status() {
            return TenantStatus.FAILED;
        }
    }

    record TenantSuspended(TenantId tenant, TenantSlug slug, String reason) implements StatusChanged {
        public TenantStatus status() {
            return TenantStatus.SUSPENDED;
        }
    }

    record TenantResumed(TenantId tenant, TenantSlug slug) implements StatusChanged {
        public TenantStatus status() {
            return TenantStatus.ACTIVE;
        }
    }

    record TenantOffboarded(TenantId tenant, TenantSlug slug) implements StatusChanged {
        public TenantStatus status() {
            return TenantStatus.OFFBOARDED;
        }
    }

    /** The tenant's schema was brought to a newer changelog version by a fleet upgrade. */
    record TenantSchemaUpgraded(TenantId tenant, TenantSlug slug, TenantStatus status, String fromVersion,
                                String toVersion, int changesetsApplied) implements TenantEvent {
    }
}
