package io.concierge.changes;

import io.concierge.changes.ChangeRequestStep.Step;
import io.concierge.changes.internal.ChangeStore;
import io.concierge.changes.internal.ChangesProperties;
import io.concierge.configuration.ConfigArea;
import io.concierge.security.TenantAccess;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many approvals each area of a tenant needs before a save goes live (0: at once). Operators set them; where
 * nothing was set the configured default holds (roles and permissions 1, investment rules 1, branding 0). Raising
 * a policy takes effect at once; lowering it is itself a change request another operator must approve. Both are
 * audited.
 */
@Service
@Transactional(readOnly = true)
public class ApprovalPolicies {

    public static final int MAX_APPROVALS = 3;

    private final ChangeStore store;
    private final ChangesProperties properties;
    private final TenantAccess access;
    private final TenantService tenants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApprovalPolicies(ChangeStore store, ChangesProperties properties, TenantAccess access, TenantService tenants,
                     ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.access = access;
        this.tenants = tenants;
        this.events = events;
        this.clock = clock;
    }

    /** The approvals the tenant's area needs now. */
    public int required(TenantId tenant, ConfigArea area) {
        access.requireRead(tenant, "read the approval policy");
        return store.policy(tenant, area).orElseGet(() -> properties.defaultFor(area));
    }

    /** Every area's policy of the tenant, in area order. */
    public Map<ConfigArea, Integer> all(TenantId tenant) {
        access.requireRead(tenant, "read the approval policies");
        var set = store.policies(tenant);
        var result = new EnumMap<ConfigArea, Integer>(ConfigArea.class);
        for (var area : ConfigArea.values()) {
            result.put(area, set.getOrDefault(area, properties.defaultFor(area)));
        }
        return result;
    }

    /** Whether the area's policy was set for this tenant (rather than the default). */
    public boolean isSet(TenantId tenant, ConfigArea area) {
        access.requireRead(tenant, "read the approval policy");
        return store.policy(tenant, area).isPresent();
    }

    /**
     * Sets the number of approvals the area needs. Raising (or first setting it to the default) applies at once;
     * lowering opens a policy change request that another operator approves.
     */
    @Transactional
    public PolicyChange set(TenantId tenant, ConfigArea area, int approvals, String comment) {
        access.requireOperator("change an approval policy");
        if (approvals < 0 || approvals > MAX_APPROVALS) {
            throw new InvalidValueException("approvals", "Approvals must be 0 to " + MAX_APPROVALS + ".");
        }
        var why = ChangeRequests.checkComment(comment);
        var summary = tenants.find(tenant).orElseThrow(() -> new InvalidValueException("No tenant with id " + tenant + "."));
        if (summary.status() == TenantStatus.OFFBOARDED) {
            throw new InvalidValueException("Tenant '" + summary.slug() + "' is offboarded; its policies no longer change.");
        }
        store.lockPolicy(tenant, area);
        var current = required(tenant, area);
        if (approvals == current && store.policy(tenant, area).isPresent()) {
            throw new InvalidValueException("approvals", area.label() + " already needs " + approvals(approvals) + ".");
        }
        if (approvals < current) {
            var id = store.insert(tenant, summary.slug(), area, ChangeKind.POLICY, current, null,
                    "{\"approvals\":" + approvals + "}", 1, access.actorName(), "OPERATOR", why, clock.instant());
            var detail = "Lower the approvals " + area.label().toLowerCase() + " needs from " + current + " to "
                    + approvals + ": " + why;
            store.event(id, access.actorName(), "Proposed", detail, clock.instant());
            events.publishEvent(new ChangeRequestStep(id, tenant, summary.slug(), area, Step.PROPOSED,
                    access.actorName(), detail));
            return new PolicyChange(id, "Lowering a policy needs another operator's approval: change request #" + id
                    + " is waiting for it. Until then " + area.label().toLowerCase() + " needs " + approvals(current)
                    + ".");
        }
        apply(tenant, summary.slug(), area, current, approvals, why, null);
        return new PolicyChange(null, area.label() + " of " + summary.slug() + " now needs " + approvals(approvals) + ".");
    }

    /** Writes the policy and audits it; {@code request} is the approved policy request, if any. */
    void apply(TenantId tenant, TenantSlug slug, ConfigArea area, int before, int after,
               String comment, Long request) {
        store.setPolicy(tenant, area, after, access.actorName(), clock.instant());
        events.publishEvent(new ChangeRequestStep(request, tenant, slug, area, Step.POLICY_CHANGED, access.actorName(),
                area.label() + " needs " + approvals(after) + " (was " + before + ")" + (comment == null ? ""
                        : ": " + comment)));
    }

    /**
     * A tenant's first policies (the demo's, or those of the tenant or bundle it is created from): set at once,
     * audited like any other, operators only. An area whose policy was set already is left as it is.
     */
    @Transactional
    public void seed(TenantId tenant, Map<ConfigArea, Integer> approvals, String comment) {
        access.requireOperator("set an approval policy");
        var summary = tenants.find(tenant).orElseThrow();
        for (var area : ConfigArea.values()) {
            var n = approvals.get(area);
            if (n == null || store.policy(tenant, area).isPresent()) {
                continue;
            }
            if (n < 0 || n > MAX_APPROVALS) {
                throw new InvalidValueException("approvals", "Approvals must be 0 to " + MAX_APPROVALS + ".");
            }
            apply(tenant, summary.slug(), area, properties.defaultFor(area), n, comment, null);
        }
    }

    static String approvals(int n) {
        return n == 0 ? "no approval" : n == 1 ? "1 approval" : n + " approvals";
    }
}
