package io.concierge.bundles.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The bundle a tenant was created from, kept until (and after) its first versions are made from it. */
@Entity
@Table(name = "tenant_starting_bundle")
public class StartingBundleEntity {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;

    private String document;

    private String source;

    @Column(name = "created_at")
    private Instant createdAt;

    protected StartingBundleEntity() {
    }

    public StartingBundleEntity(UUID tenantId, String document, String source, Instant createdAt) {
        this.tenantId = tenantId;
        this.document = document;
        this.source = source;
        this.createdAt = createdAt;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getDocument() {
        return document;
    }

    public String getSource() {
        return source;
    }
}
