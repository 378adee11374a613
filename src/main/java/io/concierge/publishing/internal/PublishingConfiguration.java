package io.concierge.publishing.internal;

import io.lettuce.core.resource.Delay;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

    /** Built here rather than scanned, so tests can build another one against a separate Redis or a cluster. */
    @Bean
    PermissionCache permissionCache(StringRedisTemplate redis) {
        return new PermissionCache(redis);
    }

    /**
     * Lettuce reconnects with an exponential back-off that reaches 30 s, so after an outage of half a minute the
     * connection came back up to 20 s after Redis did, and everything waiting on it with it. Capped at 500 ms, a
     * publication waiting for Redis goes out within about a second of Redis answering again.
     */
    @Bean
    ClientResourcesBuilderCustomizer quickRedisReconnect() {
        return builder -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(20), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS));
    }
}
