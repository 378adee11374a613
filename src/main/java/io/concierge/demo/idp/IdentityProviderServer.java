package io.concierge.demo.idp;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A real OpenID Connect provider (Spring Authorization Server) in an application context of its own, on its
 * own port: discovery, a login form, authorization code with PKCE, signed ID tokens carrying a groups claim.
 * The demo's "sso" flag and the test suite use it, so single sign-on can be tried and tested without an
 * external provider. Never started in production.
 */
public final class IdentityProviderServer implements AutoCloseable {

    /** A person who can sign in at the provider; {@code groups} end up in the ID token's groups claim. */
    public record User(String username, String password, String email, List<String> groups) {
    }

    /** The console as the provider knows it. */
    public record Client(String clientId, String clientSecret, List<String> redirectUris) {
    }

    /**
     * What the provider is made of. {@code encoder} builds the token signer from the provider's published keys;
     * tests replace it to sign with a key nobody published.
     */
    public record Settings(String host, int port, List<User> users, Client client,
                           Function<JWKSource<SecurityContext>, JwtEncoder> encoder) {

        public Settings(String host, int port, List<User> users, Client client) {
            this(host, port, users, client, NimbusJwtEncoder::new);
        }
    }

    /** The provider's signing keys, published at its JWK Set endpoint. */
    record Keys(JWKSource<SecurityContext> source) {
    }

    private final AnnotationConfigServletWebServerApplicationContext context;
    private final JWKSource<SecurityContext> keys;
    private final String issuer;

    private IdentityProviderServer(AnnotationConfigServletWebServerApplicationContext context,
                                   JWKSource<SecurityContext> keys, String host) {
        this.context = context;
        this.keys = keys;
        this.issuer = "http://" + host + ":" + context.getWebServer().getPort();
    }

    /** Starts the provider; port 0 picks a free one. */
    public static IdentityProviderServer start(Settings settings) {
        var keys = new ImmutableJWKSet<SecurityContext>(new JWKSet(newRsaKey()));
        var context = new AnnotationConfigServletWebServerApplicationContext();
        context.registerBean(Settings.class, () -> settings);
        context.registerBean(Keys.class, () -> new Keys(keys));
        context.registerBean(TomcatServletWebServerFactory.class, () -> {
            var tomcat = new TomcatServletWebServerFactory(settings.port());
            // every endpoint is a filter; Tomcat runs filters only for requests some servlet maps
            tomcat.setRegisterDefaultServlet(true);
            return tomcat;
        });
        // the console runs on the same host: a cookie of another name keeps the two sessions apart
        context.registerBean("identityProviderSessionCookie", ServletContextInitializer.class,
                () -> servletContext -> servletContext.getSessionCookieConfig().setName("CONCIERGE_IDP_SESSION"));
        context.registerBean("identityProviderFilters", DelegatingFilterProxyRegistrationBean.class,
                () -> new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain"));
        context.register(IdentityProviderConfig.class);
        context.refresh();
        return new IdentityProviderServer(context, keys, settings.host());
    }

    /** The issuer URI the console discovers the provider from. */
    public String issuer() {
        return issuer;
    }

    public int port() {
        return context.getWebServer().getPort();
    }

    /**
     * An OIDC back-channel logout token for the subject, signed with this provider's key, as the provider
     * POSTs it to the console's {@code /logout/connect/back-channel/{registrationId}}.
     */
    public String logoutToken(String clientId, String subject) {
        var now = Instant.now();
        var claims = JwtClaimsSet.builder().issuer(issuer).audience(List.of(clientId)).issuedAt(now)
                .expiresAt(now.plusSeconds(120)).id(UUID.randomUUID().toString()).subject(subject)
                .claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
                .build();
        var header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    @Override
    public void close() {
        context.close();
    }

    static RSAKey newRsaKey() {
        return newRsaKey(UUID.randomUUID().toString());
    }

    static RSAKey newRsaKey(String keyId) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(keyId).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A key that the provider never published, under the id of one it did: what a forger would sign with.
     */
    public static JWKSource<SecurityContext> unpublishedKey(String keyId) {
        return new ImmutableJWKSet<>(new JWKSet(newRsaKey(keyId)));
    }
}
