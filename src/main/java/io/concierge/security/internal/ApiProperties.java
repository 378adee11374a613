package io.concierge.security.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code concierge.api.*}: how many calls one token (or one signed-in user's browser session) may make:
 * {@code requestsPerMinute} on average, with bursts of up to {@code burst} at once (a token bucket).
 */
@ConfigurationProperties("concierge.api")
record ApiProperties(@DefaultValue RateLimit rateLimit) {

    record RateLimit(@DefaultValue("600") int requestsPerMinute, @DefaultValue("60") int burst) {
    }
}
