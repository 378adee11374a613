package io.concierge.tenant;

/**
 * A tenant's lifecycle: PROVISIONING → ACTIVE ⇄ SUSPENDED → OFFBOARDED; PROVISIONING → FAILED → (retry)
 * PROVISIONING. Only ACTIVE tenants are served by the platform.
 */
public enum TenantStatus {
    PROVISIONING, ACTIVE, SUSPENDED, FAILED, OFFBOARDED;

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
