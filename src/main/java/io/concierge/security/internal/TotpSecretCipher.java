package io.concierge.security.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * TOTP secrets at rest: AES-256-GCM under a key from configuration ({@code concierge.identity.totp-key.id} /
 * {@code .secret}), never from the database, so a copy of the database alone gives no second factors. A sealed
 * value is {@code v1:<key id>:<base64 of nonce and ciphertext>}; the user's id is the associated data, so a
 * sealed secret moved to another user's row does not open. Retired keys
 * ({@code concierge.identity.retired-totp-keys.<id>}) still open what they sealed; such values, and plaintext
 * ones written before secrets were encrypted, are sealed again under the current key at start-up and whenever
 * they are used (see docs/decisions/2026-12-01-identity.md).
 */
@Component
class TotpSecretCipher {

    private static final Logger log = LoggerFactory.getLogger(TotpSecretCipher.class);
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    static final int MIN_SECRET = 32;
    private static final String PREFIX = "v1:";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final ConsoleUserRepository users;
    private final TransactionTemplate transactions;

    TotpSecretCipher(IdentityProperties properties, ConsoleUserRepository users,
                     PlatformTransactionManager transactions) {
        this.users = users;
        this.transactions = new TransactionTemplate(transactions);
        var key = properties.totpKey();
        if (key == null || key.id() == null || key.secret() == null) {
            throw new IllegalStateException("TOTP secrets are encrypted with a key kept outside the database: set "
                    + "concierge.identity.totp-key.id and concierge.identity.totp-key.secret (CONCIERGE_IDENTITY_TOTP_KEY_ID, "
                    + "CONCIERGE_IDENTITY_TOTP_KEY_SECRET; a secret of at least " + MIN_SECRET + " characters)");
        }
        currentId = add(key.id(), key.secret());
        properties.retiredTotpKeys().forEach((id, secret) -> {
            if (id.equals(currentId)) {
                throw new IllegalStateException("TOTP key '" + id + "' is both current and retired");
            }
            add(id, secret);
        });
    }

    /** What a stored value holds, and whether it is sealed under the current key (else it should be sealed again). */
    record Opened(String secret, boolean current) {
    }

    String seal(UUID user, String secret) {
        try {
            var nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated(user));
            var sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            var out = ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    Opened open(UUID user, String stored) {
        if (!stored.startsWith(PREFIX)) {
            return new Opened(stored, false); // written before secrets were encrypted
        }
        var colon = stored.indexOf(':', PREFIX.length());
        var id = colon < 0 ? "" : stored.substring(PREFIX.length(), colon);
        var key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("A TOTP secret is sealed with key '" + id + "', which is not configured: "
                    + "add it to concierge.identity.retired-totp-keys");
        }
        try {
            var in = Base64.getDecoder().decode(stored.substring(colon + 1));
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE));
            cipher.updateAAD(associated(user));
            var secret = new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.US_ASCII);
            return new Opened(secret, id.equals(currentId));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new IllegalStateException("The TOTP secret of user " + user + " does not open: altered, or "
                    + "moved from another user's row");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** Seals, under the current key, every secret that is plaintext or sealed under a retired key. */
    @EventListener(ApplicationReadyEvent.class)
    void resealAll() {
        var resealed = transactions.execute(status -> {
            int n = 0;
            for (var user : users.findAllByTotpSecretIsNotNull()) {
                Opened opened;
                try {
                    opened = open(user.getId(), user.getTotpSecret());
                } catch (IllegalStateException e) {
                    // that user cannot pass the code step until an operator resets their second factor
                    log.warn("TOTP secret of '{}' left as it is: {}", user.getUsername(), e.getMessage());
                    continue;
                }
                if (!opened.current()) {
                    user.sealTotpSecret(seal(user.getId(), opened.secret()));
                    n++;
                }
            }
            return n;
        });
        if (resealed != null && resealed > 0) {
            log.info("Sealed {} TOTP secret(s) under key '{}'", resealed, currentId);
        }
    }

    private String add(String id, String secret) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalStateException("A TOTP key id is 1-40 letters, digits, '.', '_' or '-': '" + id + "'");
        }
        if (secret.length() < MIN_SECRET) {
            throw new IllegalStateException("TOTP key '" + id + "' is shorter than " + MIN_SECRET + " characters");
        }
        try {
            // the configured secret is a long random string; SHA-256 of it (with a purpose label) is the AES key
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update("concierge totp-secret v1\n".getBytes(StandardCharsets.US_ASCII));
            keys.put(id, new SecretKeySpec(digest.digest(secret.getBytes(StandardCharsets.UTF_8)), "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        return id;
    }

    private static byte[] associated(UUID user) {
        return ("console_user:" + user).getBytes(StandardCharsets.US_ASCII);
    }
}
