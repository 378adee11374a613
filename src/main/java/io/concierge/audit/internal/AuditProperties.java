package io.concierge.audit.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * {@code concierge.audit.*}: the secret that keys the hash chain (never stored in the database), the retired
 * keys still needed to verify the entries they keyed, and how often a signed checkpoint of the chain's head is
 * written outside the database.
 */
@ConfigurationProperties("concierge.audit")
record AuditProperties(ChainKey chainKey, Map<String, String> retiredChainKeys, @DefaultValue Checkpoints checkpoints) {

    /** From {@code CONCIERGE_AUDIT_CHAIN_KEY_ID} and {@code CONCIERGE_AUDIT_CHAIN_KEY_SECRET}. */
    record ChainKey(String id, String secret) {
    }

    /** A checkpoint after every {@code everyEntries} entries this instance appends, and every {@code interval}. */
    record Checkpoints(@DefaultValue("100") int everyEntries, @DefaultValue("5m") Duration interval) {
    }
}
