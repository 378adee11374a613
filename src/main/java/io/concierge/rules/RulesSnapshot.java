package io.concierge.rules;

import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;

/**
 * What the rules editor opens on. {@code version} is 0 and {@code saved} false when the tenant has no rules yet:
 * {@code rules} are then the platform defaults, stored only when somebody saves them.
 */
public record RulesSnapshot(TenantId tenant, TenantSlug slug, String tenantName, InvestmentRules rules, long version,
                            boolean saved, boolean editable) {
}
