package io.concierge.provisioning.ui;

import io.concierge.provisioning.FleetUpgrades;
import io.concierge.provisioning.ProvisioningProgress;
import io.concierge.provisioning.ProvisioningRuns;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.shared.ui.TenantPanel;
import io.concierge.tenant.TenantService;

import java.util.Optional;

/** Adds the tenant's provisioning and upgrade runs, live, to the tenant page (first among the panels). */
@org.springframework.stereotype.Component
class ProvisioningPanel implements TenantPanel {

    private final ProvisioningRuns runs;
    private final ProvisioningProgress progress;
    private final FleetUpgrades fleet;
    private final TenantService tenants;

    ProvisioningPanel(ProvisioningRuns runs, ProvisioningProgress progress, FleetUpgrades fleet, TenantService tenants) {
        this.runs = runs;
        this.progress = progress;
        this.fleet = fleet;
        this.tenants = tenants;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> create(TenantId tenant, TenantSlug slug, Runnable tenantChanged) {
        if (!runs.canRead(tenant)) {
            return Optional.empty();
        }
        return Optional.of(new RunsCard(tenant, runs, progress, fleet, tenants, tenantChanged));
    }
}
