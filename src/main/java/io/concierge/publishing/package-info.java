/**
 * Projects each tenant's configuration and status into the platform's Redis permission cache: one atomic,
 * versioned write per tenant after commit, retried until delivered, with status, reconciliation and rebuild.
 */
@org.springframework.modulith.ApplicationModule
package io.concierge.publishing;
