package io.concierge.provisioning;

import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

import java.time.Duration;

/** How one tenant's schema upgrade went. {@code error} is set only when it failed. */
public record TenantUpgradeResult(TenantId tenant, TenantSlug slug, Outcome outcome, String fromVersion,
                                  String toVersion, Duration duration, int changesetsApplied, String error) {

    public enum Outcome {
        UPGRADED, SKIPPED, FAILED;

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase();
        }
    }
}
