package io.concierge.security;

/** A configured OIDC provider, as the login page and the mapping view show it. */
public record SsoProvider(String id, String displayName, boolean enabled, String groupsClaim) {
}
