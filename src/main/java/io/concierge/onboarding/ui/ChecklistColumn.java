package io.concierge.onboarding.ui;

import io.concierge.onboarding.OnboardingService;
import io.concierge.shared.TenantId;
import io.concierge.shared.ui.TenantColumn;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;

/** "Go-live checklist" in the operators' tenants grid: items done out of all, per page of tenants. */
@Component
class ChecklistColumn implements TenantColumn {

    private final OnboardingService onboarding;

    ChecklistColumn(OnboardingService onboarding) {
        this.onboarding = onboarding;
    }

    @Override
    public String header() {
        return "Go-live checklist";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Map<TenantId, String> values(Collection<TenantId> tenants) {
        return onboarding.progress(tenants);
    }
}
