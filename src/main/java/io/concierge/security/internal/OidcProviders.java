package io.concierge.security.internal;

import io.concierge.security.SsoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OIDC providers from configuration. Each one's endpoints and keys are discovered from its issuer on first
 * use, not at start-up, so a provider that is down does not keep the console (and its break-glass accounts)
 * from starting. A disabled provider has no registration at all: its button is gone and its login and
 * callback URLs refuse.
 */
@Component
class OidcProviders implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(OidcProviders.class);

    private final Map<String, IdentityProperties.Provider> configured;
    private final Map<String, ClientRegistration> discovered = new ConcurrentHashMap<>();

    OidcProviders(IdentityProperties properties) {
        this.configured = properties.providers();
    }

    List<SsoProvider> all() {
        return configured.entrySet().stream()
                .map(e -> new SsoProvider(e.getKey(), displayName(e.getKey(), e.getValue()), e.getValue().enabled(),
                        e.getValue().groupsClaim()))
                .sorted(java.util.Comparator.comparing(SsoProvider::id))
                .toList();
    }

    IdentityProperties.Provider config(String id) {
        return configured.get(id);
    }

    boolean usable(String id) {
        var provider = configured.get(id);
        return provider != null && provider.enabled();
    }

    @Override
    public ClientRegistration findByRegistrationId(String id) {
        if (!usable(id)) {
            return null;
        }
        try {
            return discovered.computeIfAbsent(id, this::discover);
        } catch (RuntimeException e) {
            log.warn("OIDC provider '{}' could not be discovered from its issuer {}: {}", id,
                    configured.get(id).issuerUri(), summary(e));
            return null;
        }
    }

    /** The first line of the reason, short: a provider's error page can be kilobytes of HTML. */
    private static String summary(RuntimeException e) {
        var first = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }

    private ClientRegistration discover(String id) {
        var provider = configured.get(id);
        return ClientRegistrations.fromIssuerLocation(provider.issuerUri())
                .registrationId(id)
                .clientName(displayName(id, provider))
                .clientId(provider.clientId())
                .clientSecret(provider.clientSecret())
                .scope(provider.scopes())
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .userNameAttributeName("sub")
                .build();
    }

    private static String displayName(String id, IdentityProperties.Provider provider) {
        return provider.displayName() == null || provider.displayName().isBlank() ? id : provider.displayName();
    }
}
