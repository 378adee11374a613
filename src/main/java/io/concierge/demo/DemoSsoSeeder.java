package io.concierge.demo;

import io.concierge.security.Actors;
import io.concierge.security.Role;
import io.concierge.security.SingleSignOnService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo provider's mapping rules: group concierge-operators is an operator, concierge-auditors an auditor,
 * acme-admins a partner admin of acme. User sso-nobody (group marketing) matches none and is refused.
 */
@Component
@ConditionalOnProperty(name = "concierge.demo.sso.enabled", havingValue = "true")
class DemoSsoSeeder {

    private final SingleSignOnService sso;

    DemoSsoSeeder(SingleSignOnService sso) {
        this.sso = sso;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10) // after DemoSeeder has registered acme
    void seed() {
        Actors.runAsSystem(() -> {
            if (!sso.rules().isEmpty()) {
                return;
            }
            sso.addRule("demo", "groups", "concierge-operators", Role.OPERATOR, null);
            sso.addRule("demo", "groups", "concierge-auditors", Role.AUDITOR, null);
            sso.addRule("demo", "groups", "acme-admins", Role.PARTNER_ADMIN, "acme");
        });
    }
}
