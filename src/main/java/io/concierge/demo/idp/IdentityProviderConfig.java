package io.concierge.demo.idp;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.util.UUID;

/**
 * The provider's context. Deliberately not a {@code @Configuration}: it is registered by
 * {@link IdentityProviderServer} into its own context and must never be picked up by the console's scan.
 */
@EnableWebSecurity
class IdentityProviderConfig {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        var server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        return http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(r -> r.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(r -> r.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .build();
    }

    @Bean
    UserDetailsService identityProviderUsers(IdentityProviderServer.Settings settings) {
        return new InMemoryUserDetailsManager(settings.users().stream()
                .map(u -> User.withUsername(u.username()).password("{noop}" + u.password()).roles("USER").build())
                .toList());
    }

    @Bean
    RegisteredClientRepository identityProviderClients(IdentityProviderServer.Settings settings) {
        var client = settings.client();
        return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(client.clientId())
                .clientSecret("{noop}" + client.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(client.redirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .build());
    }

    @Bean
    JWKSource<SecurityContext> identityProviderKeys(IdentityProviderServer.Keys keys) {
        return keys.source();
    }

    /** The userinfo endpoint reads the access tokens this provider issued. */
    @Bean
    JwtDecoder identityProviderTokens(JWKSource<SecurityContext> keys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    JwtEncoder identityProviderSigner(IdentityProviderServer.Settings settings, JWKSource<SecurityContext> keys) {
        return settings.encoder().apply(keys);
    }

    /** The ID token carries the user's groups, e-mail and name: what the console's mapping rules read. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> identityProviderClaims(IdentityProviderServer.Settings settings) {
        return context -> {
            if (!"id_token".equals(context.getTokenType().getValue())) {
                return;
            }
            settings.users().stream().filter(u -> u.username().equals(context.getPrincipal().getName())).findFirst()
                    .ifPresent(u -> context.getClaims()
                            .claim("groups", u.groups())
                            .claim("email", u.email())
                            .claim("preferred_username", u.username()));
        };
    }

    @Bean
    AuthorizationServerSettings identityProviderSettings() {
        // no fixed issuer: it is this server's own address, as the console reached it
        return AuthorizationServerSettings.builder().build();
    }
}
