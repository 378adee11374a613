package io.concierge.ops;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * Work that has been committed but not yet delivered by its listener (Spring Modulith's event publication
 * registry: Redis publications, provisioning). A backlog older than the threshold means the platform does not
 * see saved configuration yet: DEGRADED, not DOWN, because the console itself still works.
 */
@Component("publicationBacklog")
class PublicationBacklogHealth implements HealthIndicator {

    private final JdbcTemplate jdbc;
    private final Duration threshold;
    private final Clock clock;

    PublicationBacklogHealth(JdbcTemplate jdbc, @Value("${concierge.ops.backlog-threshold:PT2M}") Duration threshold,
                             Clock clock) {
        this.jdbc = jdbc;
        this.threshold = threshold;
        this.clock = clock;
    }

    @Override
    public Health health() {
        var cutoff = Timestamp.from(clock.instant().minus(threshold));
        var row = jdbc.queryForMap("""
                SELECT count(*) AS pending,
                       count(*) FILTER (WHERE publication_date < ?) AS overdue,
                       min(publication_date) AS oldest
                  FROM concierge.event_publication WHERE completion_date IS NULL""", cutoff);
        long overdue = ((Number) row.get("overdue")).longValue();
        var builder = overdue > 0 ? Health.status(OpsHealth.DEGRADED) : Health.up();
        builder.withDetail("pending", row.get("pending")).withDetail("overdue", overdue)
                .withDetail("threshold", threshold.toString());
        if (row.get("oldest") != null) {
            builder.withDetail("oldest", row.get("oldest").toString());
        }
        return builder.build();
    }
}
