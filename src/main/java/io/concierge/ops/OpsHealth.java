package io.concierge.ops;

import org.springframework.boot.actuate.health.Status;

/** Health statuses beyond Spring Boot's own. */
public final class OpsHealth {

    /**
     * The console works, but what it publishes lags or cannot reach Redis. Ranked between DOWN and UP and mapped
     * to HTTP 200 (see application.yml), so load balancers keep the console in rotation.
     */
    public static final Status DEGRADED = new Status("DEGRADED");

    private OpsHealth() {
    }
}
