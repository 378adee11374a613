package io.concierge.publishing;

import java.time.Instant;

/**
 * What in publishing needs an operator: tenants whose publication is failing (retried, last attempt failed),
 * pending and overdue ones (older than the threshold asked for), and the drift the last reconciliation of all
 * tenants by this console instance found ({@code lastReconciliation} null when none ran since it started).
 */
public record PublishingAttention(long failing, long pending, long overdue, ReconcileResult lastReconciliation,
                                  Instant reconciledAt) {
}
