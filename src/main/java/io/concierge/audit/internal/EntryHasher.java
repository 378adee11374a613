package io.concierge.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.concierge.audit.AuditEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The hash chain: {@code hash = HMAC-SHA256(key, prev_hash + "|" + canonical)} where canonical is a JSON array of
 * every stored field in a fixed order, the time as epoch microseconds (what PostgreSQL keeps). Changing any field,
 * the order of entries or removing one breaks the chain from there on, and without the key (never in the
 * database) nobody can compute a hash that fits. Entries written before the chain was keyed use the legacy
 * {@code SHA-256(prev_hash + "|" + canonical)}; the first keyed entry anchors their head.
 */
final class EntryHasher {

    static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private EntryHasher() {
    }

    /** The legacy, unkeyed hash of entries older than the chain's first key. */
    static String legacyHash(AuditEntry e, String before, String after) {
        return sha256(e.prevHash() + "|" + canonical(e, before, after));
    }

    /** The keyed hash under key {@code keyId}; empty when that key is not configured. */
    static Optional<String> keyedHash(ChainKeys keys, String keyId, AuditEntry e, String before, String after) {
        return keys.hmac(keyId, e.prevHash() + "|" + canonical(e, before, after));
    }

    static String canonical(AuditEntry e, String before, String after) {
        try {
            return JSON.writeValueAsString(Arrays.asList(e.id(), micros(e.occurredAt()), e.actor(), e.actorRole(),
                    e.tenant() == null ? null : e.tenant().toString(), e.tenantSlug(), e.area().key(),
                    e.action().key(), e.target(), e.detail(), before, after, e.clientAddress(), e.producedVersion()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise an audit entry", ex);
        }
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
    }

    static String sha256(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
