package io.concierge.onboarding.internal;

import io.concierge.onboarding.ItemState;
import io.concierge.onboarding.PublicationCheck;
import io.concierge.publishing.PublishingService;
import io.concierge.shared.TenantId;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** "Configuration published" is done when every saved change of the tenant is in the platform's Redis. */
@Component
class PublishedCheck implements PublicationCheck {

    private final PublishingService publishing;

    PublishedCheck(PublishingService publishing) {
        this.publishing = publishing;
    }

    @Override
    public ItemState state(TenantId tenant) {
        return states(List.of(tenant)).get(tenant);
    }

    @Override
    public long countDone() {
        return publishing.upToDateCount();
    }

    @Override
    public Map<TenantId, ItemState> states(Collection<TenantId> tenants) {
        return publishing.upToDate(tenants).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue() ? ItemState.DONE : ItemState.OPEN));
    }
}
