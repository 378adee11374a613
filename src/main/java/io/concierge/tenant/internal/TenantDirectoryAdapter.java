package io.concierge.tenant.internal;

import io.concierge.security.TenantDirectory;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/** Tells the security module which tenant a slug names (mapping rules bind partner admins to one). */
@Component
class TenantDirectoryAdapter implements TenantDirectory {

    private final TenantRepository tenants;

    TenantDirectoryAdapter(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TenantRef> bySlug(String slug) {
        return tenants.findBySlug(slug == null ? "" : slug)
                .filter(t -> t.getStatus() != TenantStatus.OFFBOARDED)
                .map(t -> new TenantRef(new TenantId(t.getId()), new TenantSlug(t.getSlug())));
    }
}
