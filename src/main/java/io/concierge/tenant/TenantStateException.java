package io.concierge.tenant;

import io.concierge.shared.ConflictException;

/** A lifecycle action that the tenant's current state does not allow (for example resuming an active tenant). */
public class TenantStateException extends ConflictException {

    public TenantStateException(String message) {
        super(message);
    }
}
