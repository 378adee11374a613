package io.concierge.ops;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Redis reachability. Replaces Spring Boot's indicator (disabled in application.yml) because an unreachable
 * Redis must not take the whole console DOWN: saves still succeed and publications wait in the outbox.
 */
@Component("redis")
class RedisHealth implements HealthIndicator {

    private final RedisConnectionFactory connections;

    RedisHealth(RedisConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public Health health() {
        try (var connection = connections.getConnection()) {
            var pong = connection.ping();
            return Health.up().withDetail("ping", pong).build();
        } catch (RuntimeException e) {
            return Health.status(OpsHealth.DEGRADED).withDetail("error", e.getClass().getSimpleName() + ": "
                    + e.getMessage()).build();
        }
    }
}
