package io.concierge.support;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.concierge.demo.idp.IdentityProviderServer;
import io.concierge.demo.idp.IdentityProviderServer.User;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.time.Instant;
import java.util.List;

/**
 * The suite's OIDC provider: Spring Authorization Server in a context of its own on a random port, started once
 * per JVM, and the console configuration that points at it (provider {@code test-idp}; {@code old-idp} is the
 * same provider, disabled). Use with {@code @ContextConfiguration(initializers = TestIdentityProvider.class)};
 * every test class that does shares one console context.
 * <p>
 * That context also switches password sign-in off for all but the break-glass account {@code ops}, and makes
 * TOTP required for operators, as a production console would be.
 */
public class TestIdentityProvider implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PROVIDER = "test-idp";
    public static final String CLIENT_ID = "concierge-test";

    /** How the provider signs its next tokens: honestly, with a key it never published, or already expired. */
    public enum Signing { HONEST, FORGED, EXPIRED }

    public static final User OPERATOR = new User("ana-ops", "ana-password", "ana@corp.example", List.of("ops-team"));
    public static final User AUDITOR = new User("aldo-audit", "aldo-password", "aldo@corp.example", List.of("audit-team"));
    public static final User PARTNER = new User("pat-partner", "pat-password", "pat@partner.example",
            List.of("partner-admins"));
    public static final User TWO_TENANTS = new User("pia-two", "pia-password", "pia@partner.example",
            List.of("partners-a", "partners-b"));
    public static final User NOBODY = new User("noor-nobody", "noor-password", "noor@corp.example", List.of("marketing"));

    private static IdentityProviderServer server;
    private static volatile Signing signing = Signing.HONEST;

    public static synchronized IdentityProviderServer server() {
        if (server == null) {
            var client = new IdentityProviderServer.Client(CLIENT_ID, "test-secret",
                    List.of("http://127.0.0.1/login/oauth2/code/" + PROVIDER));
            server = IdentityProviderServer.start(new IdentityProviderServer.Settings("127.0.0.1", 0,
                    List.of(OPERATOR, AUDITOR, PARTNER, TWO_TENANTS, NOBODY), client, TamperingEncoder::new));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    public static void signing(Signing mode) {
        signing = mode;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var issuer = server().issuer();
        TestPropertyValues.of(
                "concierge.identity.providers." + PROVIDER + ".display-name=Test IdP",
                "concierge.identity.providers." + PROVIDER + ".issuer-uri=" + issuer,
                "concierge.identity.providers." + PROVIDER + ".client-id=" + CLIENT_ID,
                "concierge.identity.providers." + PROVIDER + ".client-secret=test-secret",
                "concierge.identity.providers.old-idp.display-name=Old IdP",
                "concierge.identity.providers.old-idp.issuer-uri=" + issuer,
                "concierge.identity.providers.old-idp.client-id=" + CLIENT_ID,
                "concierge.identity.providers.old-idp.client-secret=test-secret",
                "concierge.identity.providers.old-idp.enabled=false",
                "concierge.identity.local-sign-in.enabled=false",
                "concierge.identity.local-sign-in.break-glass-accounts=ops",
                "concierge.identity.two-factor.required-roles=OPERATOR"
        ).applyTo(context);
    }

    /** The provider's signer, which a test can turn into a forger for a while. */
    private static final class TamperingEncoder implements JwtEncoder {

        private final JwtEncoder honest;
        private final JWKSource<SecurityContext> published;

        TamperingEncoder(JWKSource<SecurityContext> published) {
            this.published = published;
            this.honest = new NimbusJwtEncoder(published);
        }

        @Override
        public Jwt encode(JwtEncoderParameters parameters) {
            return switch (signing) {
                case HONEST -> honest.encode(parameters);
                case FORGED -> new NimbusJwtEncoder(IdentityProviderServer.unpublishedKey(publishedKeyId()))
                        .encode(parameters);
                case EXPIRED -> {
                    var claims = JwtClaimsSet.from(parameters.getClaims())
                            .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                            .build();
                    yield honest.encode(JwtEncoderParameters.from(parameters.getJwsHeader(), claims));
                }
            };
        }

        private String publishedKeyId() {
            try {
                return published.get(new JWKSelector(new JWKMatcher.Builder().build()), null).get(0).getKeyID();
            } catch (com.nimbusds.jose.KeySourceException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
