package io.concierge.provisioning.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Makes {@code @ApplicationModuleListener}s asynchronous (they are {@code @Async}): without it the request that
 * creates a tenant would wait for its schema. Spring Boot's task executor runs them.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AsyncListeners {
}
