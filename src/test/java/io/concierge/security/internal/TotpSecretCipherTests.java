package io.concierge.security.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key rotation and refusals of the TOTP secret cipher (the database side is in TwoFactorSignInTests). */
class TotpSecretCipherTests {

    private static final String OLD = "old-secret-of-at-least-thirty-two-chars";
    private static final String NEW = "new-secret-of-at-least-thirty-two-chars";

    @Test
    void a_secret_sealed_under_a_retired_key_opens_and_asks_to_be_sealed_again() {
        var user = UUID.randomUUID();
        var sealed = cipher("k1", OLD, Map.of()).seal(user, "JBSWY3DPEHPK3PXP");
        assertThat(sealed).startsWith("v1:k1:").doesNotContain("JBSWY3DPEHPK3PXP");

        var rotated = cipher("k2", NEW, Map.of("k1", OLD));
        assertThat(rotated.open(user, sealed)).isEqualTo(new TotpSecretCipher.Opened("JBSWY3DPEHPK3PXP", false));
        var resealed = rotated.seal(user, "JBSWY3DPEHPK3PXP");
        assertThat(rotated.open(user, resealed)).isEqualTo(new TotpSecretCipher.Opened("JBSWY3DPEHPK3PXP", true));
        assertThat(rotated.open(user, "JBSWY3DPEHPK3PXP")).as("plaintext from before encryption")
                .isEqualTo(new TotpSecretCipher.Opened("JBSWY3DPEHPK3PXP", false));
    }

    @Test
    void a_forgotten_key_a_short_secret_or_no_key_are_refused_with_what_to_set() {
        var sealed = cipher("k1", OLD, Map.of()).seal(UUID.randomUUID(), "JBSWY3DPEHPK3PXP");
        assertThatThrownBy(() -> cipher("k2", NEW, Map.of()).open(UUID.randomUUID(), sealed))
                .hasMessageContaining("key 'k1', which is not configured").hasMessageContaining("retired-totp-keys");
        assertThatThrownBy(() -> cipher("k1", "short", Map.of())).hasMessageContaining("shorter than 32 characters");
        assertThatThrownBy(() -> new TotpSecretCipher(properties(null, Map.of()), null, null))
                .hasMessageContaining("CONCIERGE_IDENTITY_TOTP_KEY_SECRET");
    }

    private static TotpSecretCipher cipher(String id, String secret, Map<String, String> retired) {
        return new TotpSecretCipher(properties(new IdentityProperties.TotpKey(id, secret), retired), null, null);
    }

    private static IdentityProperties properties(IdentityProperties.TotpKey key, Map<String, String> retired) {
        return new IdentityProperties(Map.of(), new IdentityProperties.LocalSignIn(true, List.of()),
                new IdentityProperties.TwoFactor(java.util.Set.of(), "Concierge"), key, retired);
    }
}
