package io.concierge.provisioning;

import io.concierge.shared.TenantId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One provisioning or upgrade run of a tenant's schema, with its steps in order. */
public record ProvisioningRun(UUID id, TenantId tenant, RunKind kind, RunStatus status, String fromVersion,
                              String toVersion, Integer changesetsApplied, Instant startedAt, Instant finishedAt,
                              String error, String log, List<Step> steps) {

    /** Time taken so far (for a run still going) or in total. */
    public Duration duration(Instant now) {
        return Duration.between(startedAt, finishedAt == null ? now : finishedAt);
    }

    public record Step(String name, RunStatus status, Instant startedAt, Instant finishedAt, String detail) {

        public Duration duration(Instant now) {
            return Duration.between(startedAt, finishedAt == null ? now : finishedAt);
        }
    }
}
