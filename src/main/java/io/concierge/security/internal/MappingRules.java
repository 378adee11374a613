package io.concierge.security.internal;

import io.concierge.security.MappingOutcome;
import io.concierge.security.MappingRule;
import io.concierge.security.Role;
import io.concierge.security.SsoProvider;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The store behind {@link io.concierge.security.SingleSignOnService}; callers have been checked already. */
@Component
public class MappingRules {

    private final MappingRuleRepository rules;
    private final OidcProviders providers;
    private final Clock clock;

    MappingRules(MappingRuleRepository rules, OidcProviders providers, Clock clock) {
        this.rules = rules;
        this.providers = providers;
        this.clock = clock;
    }

    public List<SsoProvider> providers() {
        return providers.all();
    }

    public List<MappingRule> list() {
        return rules.findAllByOrderByProviderAscClaimAscClaimValueAsc().stream().map(MappingRules::toRule).toList();
    }

    public MappingRule add(String provider, String claim, String value, Role role, TenantId tenant, String tenantSlug,
                           String actor) {
        if (rules.existsByProviderAndClaimAndClaimValue(provider, claim, value)) {
            throw new InvalidValueException("value", "A rule for " + claim + "=" + value + " of provider '" + provider
                    + "' exists already; remove it first to change what it gives.");
        }
        return toRule(rules.saveAndFlush(new MappingRuleEntity(provider, claim, value, role,
                tenant == null ? null : tenant.value(), tenantSlug, actor, clock.instant())));
    }

    public MappingRule remove(UUID id) {
        var rule = rules.findById(id).orElseThrow(() -> new InvalidValueException("rule", "That rule is gone already."));
        rules.delete(rule);
        return toRule(rule);
    }

    public MappingOutcome evaluate(String provider, Map<String, Object> claims) {
        return MappingEvaluator.evaluate(provider, rules.findByProvider(provider), claims);
    }

    private static MappingRule toRule(MappingRuleEntity e) {
        return new MappingRule(e.getId(), e.getProvider(), e.getClaim(), e.getClaimValue(), e.getRole(),
                e.getTenantId() == null ? null : new TenantId(e.getTenantId()), e.getTenantSlug(), e.getCreatedBy(),
                e.getCreatedAt());
    }
}
