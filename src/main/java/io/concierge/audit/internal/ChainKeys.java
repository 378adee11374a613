package io.concierge.audit.internal;

import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The chain's keys: the current one, which keys new entries and signs checkpoints, and retired ones, kept only
 * to verify what they keyed. Without a current key the console does not start: a chain a database superuser can
 * recompute proves nothing (see docs/decisions/2026-12-01-keyed-audit-chain.md).
 */
@Component
class ChainKeys {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    static final int MIN_SECRET = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final String currentId;
    private final Map<String, byte[]> secrets = new HashMap<>();

    ChainKeys(AuditProperties properties) {
        var key = properties.chainKey();
        if (key == null || key.id() == null || key.secret() == null) {
            throw new IllegalStateException("The audit chain needs a key kept outside the database: set "
                    + "concierge.audit.chain-key.id and concierge.audit.chain-key.secret (CONCIERGE_AUDIT_CHAIN_KEY_ID, "
                    + "CONCIERGE_AUDIT_CHAIN_KEY_SECRET; a secret of at least " + MIN_SECRET + " characters)");
        }
        currentId = add(key.id(), key.secret());
        if (properties.retiredChainKeys() != null) {
            properties.retiredChainKeys().forEach((id, secret) -> {
                if (id.equals(currentId)) {
                    throw new IllegalStateException("Audit chain key '" + id + "' is both current and retired");
                }
                add(id, secret);
            });
        }
    }

    private String add(String id, String secret) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalStateException("An audit chain key id is 1-40 letters, digits, '.', '_' or '-': '" + id + "'");
        }
        if (secret.length() < MIN_SECRET) {
            throw new IllegalStateException("Audit chain key '" + id + "' is shorter than " + MIN_SECRET + " characters");
        }
        secrets.put(id, secret.getBytes(StandardCharsets.UTF_8));
        return id;
    }

    String currentId() {
        return currentId;
    }

    boolean knows(String id) {
        return secrets.containsKey(id);
    }

    /** HMAC-SHA256 of {@code text} under key {@code id}, in lower-case hex; empty when the key is not configured. */
    Optional<String> hmac(String id, String text) {
        var secret = secrets.get(id);
        if (secret == null) {
            return Optional.empty();
        }
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return Optional.of(HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** Whether {@code signature} is the HMAC of {@code text} under key {@code id}, compared in constant time. */
    boolean verifies(String id, String text, String signature) {
        return signature != null && hmac(id, text).map(expected -> MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))).orElse(false);
    }
}
