package io.concierge.demo;

import io.concierge.changes.ApprovalPolicies;
import io.concierge.configuration.ConfigArea;
import io.concierge.security.Actors;
import io.concierge.security.ApiTokenService;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.Role;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Seeds the demo logins (the operator {@code ops} comes from the bootstrap settings of the demo profile):
 * auditor {@code auditor}/{@code auditor}, and partner admin {@code acme-admin}/{@code acme-admin} bound to the
 * demo tenant {@code acme}, which is provisioned on first start, with a second partner admin {@code acme-reviewer}/
 * {@code acme-reviewer} who approves acme-admin's change requests (acme's roles and rules need one approval), and one
 * fixed API token for {@code ops} and one for {@code acme-admin}. Idempotent across restarts.
 */
@Component
@ConditionalOnProperty(name = "concierge.demo.enabled", havingValue = "true")
class DemoSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    /** Fixed API tokens of the demo only (README, "API"): never use a known token anywhere else. */
    static final String OPERATOR_TOKEN = "cnc_pat_demoops00001_DemoOnlyOperatorTokenNotASecret000000001";
    static final String ACME_TOKEN = "cnc_pat_demoacme0001_DemoOnlyAcmeAdminTokenNotASecret00000001";

    private final ConsoleUserService users;
    private final TenantService tenants;
    private final ApprovalPolicies policies;
    private final ApiTokenService tokens;

    DemoSeeder(ConsoleUserService users, TenantService tenants, ApprovalPolicies policies, ApiTokenService tokens) {
        this.users = users;
        this.tenants = tenants;
        this.policies = policies;
        this.tokens = tokens;
    }

    @EventListener(ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(0)
    void seed() {
        Actors.runAsSystem(() -> {
            if (!users.exists("auditor")) {
                users.createWithPassword("auditor", "auditor", Role.AUDITOR, null, null);
            }
            if (tenants.open("acme").isEmpty()) {
                var acme = tenants.register(new NewTenant("acme", "Acme Investments", "ops@acme.example", null)).tenant();
                users.createWithPassword("acme-admin", "acme-admin", Role.PARTNER_ADMIN, acme.id(), acme.slug());
                log.info("Demo tenant 'acme' created; it is being provisioned");
            }
            // four eyes: acme-reviewer approves what acme-admin proposes, under the default policies set explicitly
            tenants.open("acme").ifPresent(acme -> {
                if (!users.exists("acme-reviewer")) {
                    users.createWithPassword("acme-reviewer", "acme-reviewer", Role.PARTNER_ADMIN, acme.id(), acme.slug());
                }
                policies.seed(acme.id(), Map.of(ConfigArea.ACCESS, 1, ConfigArea.RULES, 1, ConfigArea.BRANDING, 0),
                        "initial policy");
            });
            tokens.seedDemoToken("ops", "demo operator token", OPERATOR_TOKEN);
            tokens.seedDemoToken("acme-admin", "demo acme token", ACME_TOKEN);
        });
    }
}
