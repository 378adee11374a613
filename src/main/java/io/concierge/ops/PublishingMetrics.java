package io.concierge.ops;

import io.concierge.publishing.Backlog;
import io.concierge.publishing.PublishingService;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * The publication backlog as gauges, read at each scrape: tenants whose saved changes are not in Redis yet, and
 * those waiting longer than the health threshold. A rising line shows an outage before anyone calls.
 */
@Component
class PublishingMetrics {

    private final PublishingService publishing;
    private final Duration threshold;

    PublishingMetrics(PublishingService publishing, MeterRegistry meters,
                      @Value("${concierge.ops.backlog-threshold:PT2M}") Duration threshold) {
        this.publishing = publishing;
        this.threshold = threshold;
        gauge(meters, "concierge.publication.backlog", "Tenants with saved changes not yet in Redis",
                Backlog::pending);
        gauge(meters, "concierge.publication.backlog.overdue",
                "Tenants whose changes wait longer than concierge.ops.backlog-threshold", Backlog::overdue);
    }

    private void gauge(MeterRegistry meters, String name, String description, ToDoubleFunction<Backlog> value) {
        // the scrape runs as nobody; reading the backlog needs an actor allowed to read every tenant
        Gauge.builder(name, this, self -> value.applyAsDouble(
                        Actors.callAs(CurrentUser.SYSTEM, () -> self.publishing.backlog(self.threshold))))
                .description(description)
                .register(meters);
    }
}
