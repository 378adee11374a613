package io.concierge.tenant;

/** A lifecycle action that the tenant's current state does not allow (for example resuming an active tenant). */
public class TenantStateException extends RuntimeException {

    public TenantStateException(String message) {
        super(message);
    }
}
