package io.concierge.publishing.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

    /** Built here rather than scanned, so tests can build another one against a separate Redis or a cluster. */
    @Bean
    PermissionCache permissionCache(StringRedisTemplate redis) {
        return new PermissionCache(redis);
    }
}
