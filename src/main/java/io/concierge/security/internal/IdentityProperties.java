package io.concierge.security.internal;

import io.concierge.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code concierge.identity.*}: single sign-on providers, whether local passwords may still be used, who
 * must have a second factor, and the key TOTP secrets are encrypted with.
 */
@ConfigurationProperties("concierge.identity")
record IdentityProperties(Map<String, Provider> providers, @DefaultValue LocalSignIn localSignIn,
                          @DefaultValue TwoFactor twoFactor, TotpKey totpKey, Map<String, String> retiredTotpKeys) {

    IdentityProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        retiredTotpKeys = retiredTotpKeys == null ? Map.of() : Map.copyOf(retiredTotpKeys);
    }

    /** The key TOTP secrets are sealed with (required; see {@link TotpSecretCipher}). */
    record TotpKey(String id, String secret) {
    }

    /**
     * One OIDC provider, keyed by its registration id (used in the callback URL
     * {@code /login/oauth2/code/{id}} and the back-channel logout URL {@code /logout/connect/back-channel/{id}}).
     * Its endpoints and keys are discovered from the issuer.
     */
    record Provider(String displayName, String issuerUri, String clientId, String clientSecret,
                    @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
                    @DefaultValue("groups") String groupsClaim,
                    @DefaultValue("preferred_username") String usernameClaim,
                    @DefaultValue("true") boolean enabled) {
    }

    /** With {@code enabled: false} only the named break-glass accounts may sign in with a password. */
    record LocalSignIn(@DefaultValue("true") boolean enabled, @DefaultValue({}) List<String> breakGlassAccounts) {
    }

    /** Local accounts of these roles must use a second factor (TOTP); anyone may enrol. */
    record TwoFactor(@DefaultValue("OPERATOR") Set<Role> requiredRoles, @DefaultValue("Concierge") String issuer) {
    }
}
