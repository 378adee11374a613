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

/** A role for automation: no password, no UI sign-in, only API tokens. */
@Entity
@Table(name = "service_account")
class ServiceAccount {

    @Id
    private UUID id;
    @Column(nullable = false, unique = true)
    private String name;
    private String description;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;
    @Column(name = "tenant_id")
    private UUID tenantId;
    @Column(name = "tenant_slug")
    private String tenantSlug;
    @Column(nullable = false)
    private boolean active = true;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ServiceAccount() {
    }

    ServiceAccount(String name, String description, Role role, UUID tenantId, String tenantSlug, String createdBy,
                   Instant createdAt) {
        if ((role == Role.PARTNER_ADMIN) != (tenantId != null)) {
            throw new IllegalArgumentException("a partner admin is bound to exactly one tenant; other roles to none");
        }
        this.id = UUID.randomUUID();
        this.name = name;
        this.description = description;
        this.role = role;
        this.tenantId = tenantId;
        this.tenantSlug = tenantSlug;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    void deactivate() {
        active = false;
    }

    UUID getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getDescription() {
        return description;
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

    boolean isActive() {
        return active;
    }

    String getCreatedBy() {
        return createdBy;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
