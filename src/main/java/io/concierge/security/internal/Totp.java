package io.concierge.security.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, six digits, what every
 * authenticator app understands. A code is accepted one step either side of now (clock drift), and only for a
 * step later than the last one used, so a code seen over someone's shoulder cannot be replayed.
 */
final class Totp {

    static final int STEP_SECONDS = 30;
    private static final int DIGITS = 6;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** A new shared secret: 160 random bits, Base32 as authenticator apps expect. */
    static String newSecret() {
        var bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return base32(bytes);
    }

    static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for a time step, zero-padded to six digits. */
    static String code(String secret, long step) {
        return code(base32Decode(secret), step, DIGITS);
    }

    static String code(byte[] key, long step, int digits) {
        try {
            var mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            var hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int otp = binary % (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", otp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    /**
     * The time step the code belongs to, if it is valid at {@code now} (±1 step) and newer than
     * {@code lastUsedStep}; empty otherwise.
     */
    static OptionalLong verify(String secret, String code, Instant now, long lastUsedStep) {
        if (code == null) {
            return OptionalLong.empty();
        }
        var candidate = code.replaceAll("\\s", "");
        if (!candidate.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        var key = base32Decode(secret);
        long current = step(now);
        OptionalLong match = OptionalLong.empty();
        for (long s = current - 1; s <= current + 1; s++) {
            // compare every candidate in constant time; do not stop at the first match
            if (MessageDigest.isEqual(code(key, s, DIGITS).getBytes(), candidate.getBytes()) && s > lastUsedStep) {
                match = OptionalLong.of(s);
            }
        }
        return match;
    }

    /** The otpauth URI an authenticator app reads from the QR code. */
    static String uri(String issuer, String account, String secret) {
        var label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String base32(byte[] data) {
        var out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    static byte[] base32Decode(String text) {
        var clean = text.replace("=", "").replace(" ", "").toUpperCase();
        var out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not Base32");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
