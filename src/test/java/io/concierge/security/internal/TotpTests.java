package io.concierge.security.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** TOTP against the test vectors of RFC 6238 (appendix B, SHA-1) and the console's replay rule. */
class TotpTests {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void codes_match_the_rfc_6238_test_vectors() {
        assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(59)), 8)).isEqualTo("94287082");
        assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(1111111109)), 8)).isEqualTo("07081804");
        assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(1234567890)), 8)).isEqualTo("89005924");
        assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(20000000000L)), 8)).isEqualTo("65353130");
    }

    @Test
    void a_code_is_accepted_one_step_either_side_and_not_further() {
        var secret = Totp.base32(RFC_KEY);
        var now = Instant.ofEpochSecond(1234567890);
        var step = Totp.step(now);
        assertThat(Totp.verify(secret, Totp.code(secret, step - 1), now, Long.MIN_VALUE)).hasValue(step - 1);
        assertThat(Totp.verify(secret, Totp.code(secret, step + 1), now, Long.MIN_VALUE)).hasValue(step + 1);
        assertThat(Totp.verify(secret, Totp.code(secret, step - 2), now, Long.MIN_VALUE)).isEmpty();
        assertThat(Totp.verify(secret, "12345", now, Long.MIN_VALUE)).as("too short").isEmpty();
    }

    @Test
    void a_code_of_a_step_already_used_is_refused() {
        var secret = Totp.newSecret();
        var now = Instant.now();
        var step = Totp.step(now);
        assertThat(Totp.verify(secret, Totp.code(secret, step), now, step)).isEmpty();
        assertThat(Totp.verify(secret, Totp.code(secret, step - 1), now, step)).as("an older one").isEmpty();
    }

    @Test
    void base32_round_trips_and_the_uri_is_what_authenticator_apps_read() {
        assertThat(Totp.base32Decode(Totp.base32(RFC_KEY))).isEqualTo(RFC_KEY);
        assertThat(Totp.uri("Concierge", "ops", "ABC")).isEqualTo(
                "otpauth://totp/Concierge:ops?secret=ABC&issuer=Concierge&algorithm=SHA1&digits=6&period=30");
        assertThat(QrCode.svg("otpauth://totp/x")).startsWith("<svg").contains("<path");
    }
}
