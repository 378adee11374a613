package io.concierge.publishing.ui;

import com.vaadin.flow.component.Component;
import io.concierge.publishing.PublishingService;
import io.concierge.security.TenantAccess;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.shared.ui.TenantPanel;

import java.util.Optional;

/** Adds the publication section to every tenant page its reader may see. */
@org.springframework.stereotype.Component
class PublicationTenantPanel implements TenantPanel {

    private final PublishingService publishing;
    private final TenantAccess access;

    PublicationTenantPanel(PublishingService publishing, TenantAccess access) {
        this.publishing = publishing;
        this.access = access;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Optional<Component> create(TenantId tenant, TenantSlug slug, Runnable tenantChanged) {
        if (!access.canRead(tenant)) {
            return Optional.empty();
        }
        return Optional.of(new PublicationPanel(publishing, tenant, access.isOperator()));
    }
}
