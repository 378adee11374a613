package io.concierge.ops;

import io.concierge.publishing.PublishingService;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Redis reachability. Replaces Spring Boot's indicator (disabled in application.yml) because an unreachable
 * Redis must not take the whole console DOWN: saves still succeed and publications wait in the outbox. A Redis
 * that answers but came back empty (or restarted) is DEGRADED too until every tenant is published again.
 */
@Component("redis")
class RedisHealth implements HealthIndicator {

    private final RedisConnectionFactory connections;
    private final PublishingService publishing;

    RedisHealth(RedisConnectionFactory connections, PublishingService publishing) {
        this.connections = connections;
        this.publishing = publishing;
    }

    @Override
    public Health health() {
        try (var connection = connections.getConnection()) {
            var pong = connection.ping();
            var recovery = Actors.callAs(CurrentUser.SYSTEM, publishing::recovery);
            if (recovery.isPresent()) {
                return Health.status(OpsHealth.DEGRADED).withDetail("ping", pong)
                        .withDetail("republishing", recovery.get().reason())
                        .withDetail("since", recovery.get().since().toString()).build();
            }
            return Health.up().withDetail("ping", pong).build();
        } catch (RuntimeException e) {
            return Health.status(OpsHealth.DEGRADED).withDetail("error", e.getClass().getSimpleName() + ": "
                    + e.getMessage()).build();
        }
    }
}
