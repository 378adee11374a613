package io.concierge.onboarding;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.ConfigVersion;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out each tenant's go-live checklist from what the other modules already record: no state of its
 * own, so it can never disagree with them.
 */
@Service
@Transactional(readOnly = true)
public class OnboardingService {

    private static final String SYSTEM = CurrentUser.SYSTEM.username();

    private final TenantService tenants;
    private final ConfigurationStore store;
    private final ConsoleUserService users;
    private final PublicationCheck publication;

    OnboardingService(TenantService tenants, ConfigurationStore store, ConsoleUserService users,
                      PublicationCheck publication) {
        this.tenants = tenants;
        this.store = store;
        this.users = users;
        this.publication = publication;
    }

    /** The checklist of one tenant (its page); readable by whoever may read the tenant. */
    public Checklist checklist(TenantId id) {
        var tenant = tenants.find(id).orElseThrow(() -> new InvalidValueException("No tenant with id " + id + "."));
        var branding = store.current(id, ConfigArea.BRANDING);
        var rules = store.current(id, ConfigArea.RULES);
        var reviewed = store.tenantsWithVersionsNotBy(List.of(id), ConfigArea.ACCESS, SYSTEM).contains(id);
        var signedIn = users.partnerAdminHasSignedIn(id);
        return build(tenant, branding.map(OnboardingService::describe).orElse(null),
                rules.map(OnboardingService::describe).orElse(null), reviewed, signedIn, publication.state(id));
    }

    /**
     * The go-live funnel of the whole fleet (operators and auditors), from one counting query per item, so it
     * costs the same for 10 tenants as for 10,000.
     */
    public GoLiveFunnel funnel() {
        var byStatus = tenants.countByStatus();
        var live = byStatus.entrySet().stream().filter(e -> e.getKey() != TenantStatus.OFFBOARDED)
                .mapToLong(Map.Entry::getValue).sum();
        return new GoLiveFunnel(live, List.of(
                new GoLiveFunnel.Step("Provisioned", byStatus.get(TenantStatus.ACTIVE)
                        + byStatus.get(TenantStatus.SUSPENDED), "tenants?status=ACTIVE"),
                new GoLiveFunnel.Step("Branding set", store.countTenantsWith(ConfigArea.BRANDING, null), null),
                new GoLiveFunnel.Step("Investment rules set", store.countTenantsWith(ConfigArea.RULES, null), null),
                new GoLiveFunnel.Step("Roles reviewed", store.countTenantsWith(ConfigArea.ACCESS, SYSTEM), null),
                new GoLiveFunnel.Step("Partner admin signed in", users.countTenantsWithSignedInAdmin(), null),
                new GoLiveFunnel.Step("Configuration published", publication.countDone(), "publishing")));
    }

    /**
     * "4/6" for each of a page of tenants (the operators' grid), from a handful of queries for the whole page.
     * Tenants the user may not read are refused, as for one tenant.
     */
    public Map<TenantId, String> progress(Collection<TenantId> ids) {
        var result = new HashMap<TenantId, String>();
        if (ids.isEmpty()) {
            return result;
        }
        var versions = store.currentVersions(ids);
        var reviewed = store.tenantsWithVersionsNotBy(ids, ConfigArea.ACCESS, SYSTEM);
        var signedIn = users.tenantsWithSignedInAdmin(ids);
        var published = publication.states(ids);
        for (var tenant : tenants.find(ids)) {
            var id = tenant.id();
            var areas = versions.getOrDefault(id, Map.of());
            var checklist = build(tenant, areas.containsKey(ConfigArea.BRANDING) ? "set" : null,
                    areas.containsKey(ConfigArea.RULES) ? "set" : null, reviewed.contains(id),
                    signedIn.contains(id), published.getOrDefault(id, ItemState.UNKNOWN));
            result.put(id, checklist.progress());
        }
        return result;
    }

    private static Checklist build(TenantSummary tenant, String branding, String rules, boolean rolesReviewed,
                                   boolean adminSignedIn, ItemState published) {
        var base = "tenants/" + tenant.slug().value();
        var active = tenant.status() == TenantStatus.ACTIVE;
        return new Checklist(List.of(
                new ChecklistItem("provisioned", "Provisioned", active ? ItemState.DONE : ItemState.OPEN,
                        "Tenant is " + tenant.status().label().toLowerCase(), base),
                new ChecklistItem("branding", "Branding set", state(branding != null),
                        branding == null ? "No branding saved yet" : "Branding " + branding, base + "/branding"),
                new ChecklistItem("rules", "Investment rules set", state(rules != null),
                        rules == null ? "No investment rules saved yet" : "Rules " + rules, base + "/rules"),
                new ChecklistItem("roles", "Roles reviewed", state(rolesReviewed),
                        rolesReviewed ? "Roles saved by a person" : "Only the seeded template roles so far",
                        base + "/access"),
                new ChecklistItem("admin", "First partner admin signed in", state(adminSignedIn),
                        adminSignedIn ? "A partner admin has signed in" : "No partner admin has signed in yet", base),
                new ChecklistItem("published", "Configuration published", published, switch (published) {
                    case DONE -> "The platform serves the current configuration";
                    case OPEN -> "The platform does not serve the current configuration yet";
                    case UNKNOWN -> "Publication status is not reported yet";
                }, base)));
    }

    private static ItemState state(boolean done) {
        return done ? ItemState.DONE : ItemState.OPEN;
    }

    private static String describe(ConfigVersion version) {
        return "v" + version.version() + " by " + version.author();
    }
}
