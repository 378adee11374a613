package io.concierge.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.security.IdentityEvents.MappingRuleChanged;
import io.concierge.security.internal.MappingRules;
import io.concierge.shared.InvalidValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Single sign-on as operators manage it: the configured providers and the mapping rules that decide who gets
 * which role. Rules are strict (no match, no sign-in) and a partner admin's rule binds exactly one tenant.
 */
@Service
public class SingleSignOnService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MappingRules rules;
    private final TenantAccess access;
    private final TenantDirectory tenants;
    private final ApplicationEventPublisher events;

    SingleSignOnService(MappingRules rules, TenantAccess access, TenantDirectory tenants,
                        ApplicationEventPublisher events) {
        this.rules = rules;
        this.access = access;
        this.tenants = tenants;
        this.events = events;
    }

    /** Every configured provider, enabled or not (the login page shows the enabled ones). */
    public List<SsoProvider> providers() {
        return rules.providers();
    }

    @Transactional(readOnly = true)
    public List<MappingRule> rules() {
        access.requireReadAll("read the sign-in mapping rules");
        return rules.list();
    }

    /**
     * Adds a rule: when the provider's claim holds the value, the user gets the role (a partner admin: of the
     * tenant named by its slug). A blank claim means the provider's groups claim.
     */
    @Transactional
    public MappingRule addRule(String provider, String claim, String value, Role role, String tenantSlug) {
        access.requireOperator("change the sign-in mapping rules");
        var config = rules.providers().stream().filter(p -> p.id().equals(provider)).findFirst()
                .orElseThrow(() -> new InvalidValueException("provider", "Choose one of the configured providers."));
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("value", "Enter the group or claim value this rule matches.");
        }
        if (role == null) {
            throw new InvalidValueException("role", "Choose the role this rule gives.");
        }
        TenantDirectory.TenantRef tenant = null;
        if (role == Role.PARTNER_ADMIN) {
            if (tenantSlug == null || tenantSlug.isBlank()) {
                throw new InvalidValueException("tenant", "A partner admin rule names exactly one tenant.");
            }
            tenant = tenants.bySlug(tenantSlug.trim())
                    .orElseThrow(() -> new InvalidValueException("tenant", "No open tenant '" + tenantSlug.trim() + "'."));
        } else if (tenantSlug != null && !tenantSlug.isBlank()) {
            throw new InvalidValueException("tenant", "Only a partner admin rule names a tenant; "
                    + role.label().toLowerCase() + "s see every tenant.");
        }
        var claimName = claim == null || claim.isBlank() ? config.groupsClaim() : claim.trim();
        var rule = rules.add(provider, claimName, value.trim(), role, tenant == null ? null : tenant.id(),
                tenant == null ? null : tenant.slug().value(), access.actorName());
        events.publishEvent(new MappingRuleChanged(access.actorName(), provider, claimName, value.trim(), role,
                rule.tenant(), true));
        return rule;
    }

    @Transactional
    public void removeRule(UUID id) {
        access.requireOperator("change the sign-in mapping rules");
        var rule = rules.remove(id);
        events.publishEvent(new MappingRuleChanged(access.actorName(), rule.provider(), rule.claim(), rule.value(),
                rule.role(), rule.tenant(), false));
    }

    /** "Test a mapping": what a sign-in with these claims (an ID token's JSON payload) would give. */
    @Transactional(readOnly = true)
    public MappingOutcome test(String provider, String claimsJson) {
        access.requireReadAll("test the sign-in mapping rules");
        Map<String, Object> claims;
        try {
            claims = JSON.readValue(claimsJson == null ? "" : claimsJson, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("claims", "Paste the claims as one JSON object, for example "
                    + "{\"sub\": \"123\", \"groups\": [\"ops\"]}.");
        }
        if (claims == null) {
            throw new InvalidValueException("claims", "Paste the claims as one JSON object.");
        }
        return rules.evaluate(provider, claims);
    }

}
