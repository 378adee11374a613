package io.concierge.ops;

import io.concierge.publishing.PublishingService;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Saved configuration and status changes that are not in Redis yet. A backlog older than the threshold means
 * the platform does not see what was saved: DEGRADED, not DOWN, because the console itself still works and
 * nothing is lost (the changes wait in the database and are retried).
 */
@Component("publicationBacklog")
class PublicationBacklogHealth implements HealthIndicator {

    private final PublishingService publishing;
    private final DatabaseHealth database;
    private final Duration threshold;

    PublicationBacklogHealth(PublishingService publishing, DatabaseHealth database,
                             @Value("${concierge.ops.backlog-threshold:PT2M}") Duration threshold) {
        this.publishing = publishing;
        this.database = database;
        this.threshold = threshold;
    }

    /**
     * DOWN when the backlog cannot be read: the outbox is in the database, so without it nothing is known. The
     * database is asked through its quick check first, so this never waits the application pool's 30 s.
     */
    @Override
    public Health health() {
        if (!database.reachable()) {
            return Health.down().withDetail("error", "the database is unreachable, so the backlog is unknown")
                    .withDetail("threshold", threshold.toString()).build();
        }
        try {
            return backlog();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .withDetail("threshold", threshold.toString()).build();
        }
    }

    private Health backlog() {
        var backlog = Actors.callAs(CurrentUser.SYSTEM, () -> publishing.backlog(threshold));
        var builder = backlog.overdue() > 0 ? Health.status(OpsHealth.DEGRADED) : Health.up();
        builder.withDetail("pending", backlog.pending()).withDetail("overdue", backlog.overdue())
                .withDetail("threshold", threshold.toString());
        if (backlog.oldest() != null) {
            builder.withDetail("oldest", backlog.oldest().toString());
        }
        return builder.build();
    }
}
