package io.concierge.provisioning;

import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

import java.time.Duration;

/**
 * How one tenant's schema upgrade went, and which way it took. {@code error} is set only when it failed.
 */
public record TenantUpgradeResult(TenantId tenant, TenantSlug slug, Outcome outcome, String fromVersion,
                                  String toVersion, Duration duration, int changesetsApplied, String error, Way way) {

    /** Which way the schema went: the planned script, or Liquibase (a fallback release, or a drifted schema). */
    public enum Way {
        REPLAYED("Replayed"), LIQUIBASE("Liquibase"), DRIFTED("Liquibase (drifted)"), NONE("");

        private final String label;

        Way(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Outcome {
        UPGRADED, SKIPPED, FAILED;

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase();
        }
    }
}
