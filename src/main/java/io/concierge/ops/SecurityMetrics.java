package io.concierge.ops;

import io.concierge.security.AccessRefused;
import io.concierge.security.LoginEvents.SignInPaused;
import io.concierge.security.LoginEvents.LoginFailed;
import io.concierge.security.LoginEvents.LoginSucceeded;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Sign-in outcomes, sign-in pauses ({@code concierge.lockouts}, a name kept for dashboards) and refusals as Prometheus counters, for alerting on brute force and probing. */
@Component
class SecurityMetrics {

    private final MeterRegistry registry;

    SecurityMetrics(MeterRegistry registry) {
        this.registry = registry;
        // registered up front so dashboards show zero rather than "no data"
        registry.counter("concierge.logins", "outcome", "success");
        registry.counter("concierge.logins", "outcome", "failure");
        registry.counter("concierge.lockouts");
        registry.counter("concierge.access.refused");
    }

    @EventListener
    void on(LoginSucceeded event) {
        registry.counter("concierge.logins", "outcome", "success").increment();
    }

    @EventListener
    void on(LoginFailed event) {
        registry.counter("concierge.logins", "outcome", "failure").increment();
    }

    @EventListener
    void on(SignInPaused event) {
        registry.counter("concierge.lockouts").increment();
    }

    @EventListener
    void on(AccessRefused event) {
        registry.counter("concierge.access.refused").increment();
    }
}
