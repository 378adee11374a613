package io.concierge.onboarding.internal;

import io.concierge.onboarding.ItemState;
import io.concierge.onboarding.PublicationCheck;
import io.concierge.shared.TenantId;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Until publishing reports its state here, the checklist says "unknown" rather than guessing. */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class UnknownPublicationCheck implements PublicationCheck {

    @Override
    public ItemState state(TenantId tenant) {
        return ItemState.UNKNOWN;
    }
}
