package io.concierge.security.internal;

import io.concierge.security.Role;
import io.concierge.security.ServiceAccountSummary;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The writes and reads behind service accounts; callers have been checked already. */
@Component
public class ServiceAccounts {

    private final ServiceAccountRepository accounts;
    private final Clock clock;

    ServiceAccounts(ServiceAccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ServiceAccountSummary> list() {
        return accounts.findAllByOrderByNameAsc().stream().map(ServiceAccounts::summary).toList();
    }

    @Transactional(readOnly = true)
    public Optional<ServiceAccountSummary> find(String name) {
        return accounts.findByName(name == null ? "" : name).map(ServiceAccounts::summary);
    }

    @Transactional(readOnly = true)
    public boolean exists(String name) {
        return accounts.existsByName(name);
    }

    @Transactional
    public ServiceAccountSummary create(String name, String description, Role role, TenantId tenant, TenantSlug slug,
                                        String actor) {
        return summary(accounts.saveAndFlush(new ServiceAccount(name, description, role,
                tenant == null ? null : tenant.value(), slug == null ? null : slug.value(), actor, clock.instant())));
    }

    @Transactional
    public void deactivate(String name) {
        accounts.findByName(name).ifPresent(ServiceAccount::deactivate);
    }

    private static ServiceAccountSummary summary(ServiceAccount a) {
        return new ServiceAccountSummary(a.getName(), a.getDescription(), a.getRole(),
                a.getTenantId() == null ? null : new TenantId(a.getTenantId()), a.getTenantSlug(), a.isActive(),
                a.getCreatedBy(), a.getCreatedAt());
    }
}
