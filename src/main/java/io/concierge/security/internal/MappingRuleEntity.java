package io.concierge.security.internal;

import io.concierge.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An operator's rule: a claim value of one provider gives one role; a partner admin's, of one tenant. */
@Entity
@Table(name = "sso_mapping_rule")
class MappingRuleEntity {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String provider;

    @Column(nullable = false)
    private String claim;

    @Column(name = "claim_value", nullable = false)
    private String claimValue;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "tenant_slug")
    private String tenantSlug;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected MappingRuleEntity() {
    }

    MappingRuleEntity(String provider, String claim, String claimValue, Role role, UUID tenantId, String tenantSlug,
                      String createdBy, Instant createdAt) {
        if ((role == Role.PARTNER_ADMIN) != (tenantId != null)) {
            throw new IllegalArgumentException("a partner admin rule binds exactly one tenant; other roles none");
        }
        this.id = UUID.randomUUID();
        this.provider = provider;
        this.claim = claim;
        this.claimValue = claimValue;
        this.role = role;
        this.tenantId = tenantId;
        this.tenantSlug = tenantSlug;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    UUID getId() {
        return id;
    }

    String getProvider() {
        return provider;
    }

    String getClaim() {
        return claim;
    }

    String getClaimValue() {
        return claimValue;
    }

    Role getRole() {
        return role;
    }

    UUID getTenantId() {
        return tenantId;
    }

    String getTenantSlug() {
        return tenantSlug;
    }

    String getCreatedBy() {
        return createdBy;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
