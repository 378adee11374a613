package io.concierge.security;

/** A token just issued, with its secret: shown once, never stored or retrievable again. */
public record NewApiToken(ApiTokenSummary token, String secret) {
}
