package io.concierge.security.internal;

import io.concierge.security.MappingOutcome;
import io.concierge.security.Role;
import io.concierge.shared.TenantId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The strict mapping: claims in, exactly one role (and at most one tenant) out, or a refusal. */
final class MappingEvaluator {

    private MappingEvaluator() {
    }

    static MappingOutcome evaluate(String provider, List<MappingRuleEntity> rules, Map<String, Object> claims) {
        var matched = rules.stream().filter(r -> r.getProvider().equals(provider))
                .filter(r -> holds(claims.get(r.getClaim()), r.getClaimValue())).toList();
        if (matched.isEmpty()) {
            return refused("No mapping rule of provider '" + provider + "' matches this account, so it gets no "
                    + "role in the console. An operator can add a rule for one of its groups.", List.of());
        }
        var names = matched.stream().map(r -> r.getClaim() + "=" + r.getClaimValue()).toList();
        var outcomes = matched.stream().map(r -> r.getRole() + "/" + r.getTenantId()).distinct().count();
        if (outcomes > 1) {
            var tenants = matched.stream().map(MappingRuleEntity::getTenantId).filter(Objects::nonNull)
                    .distinct().count();
            return refused(tenants > 1
                    ? "This account matches partner-admin rules of " + tenants + " tenants (" + String.join(", ", names)
                      + "); a partner admin is bound to exactly one tenant."
                    : "This account matches rules that give different roles (" + String.join(", ", names)
                      + "); the mapping must give exactly one.", names);
        }
        var rule = matched.get(0);
        return new MappingOutcome(rule.getRole(), rule.getTenantId() == null ? null : new TenantId(rule.getTenantId()),
                rule.getTenantSlug(), names, null);
    }

    private static boolean holds(Object claim, String value) {
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> value.equals(String.valueOf(v)));
        }
        return claim != null && value.equals(String.valueOf(claim));
    }

    private static MappingOutcome refused(String why, List<String> matched) {
        return new MappingOutcome(null, null, null, matched, why);
    }
}
