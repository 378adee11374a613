package io.concierge.tenant.internal;

import io.concierge.tenant.TenantStateException;
import io.concierge.tenant.TenantStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** The tenant aggregate. Every state change is a method that refuses a transition the lifecycle does not allow. */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, updatable = false)
    private String slug;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "contact_email", nullable = false)
    private String contactEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TenantStatus status;

    @Column(name = "status_reason")
    private String statusReason;

    @Column(name = "changelog_version")
    private String changelogVersion;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Tenant() {
    }

    public Tenant(String slug, String displayName, String contactEmail, Instant now) {
        this.id = UUID.randomUUID();
        this.slug = slug;
        this.displayName = displayName;
        this.contactEmail = contactEmail;
        this.status = TenantStatus.PROVISIONING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void activate(String changelogVersion, Instant now) {
        require(TenantStatus.PROVISIONING, "activate");
        this.changelogVersion = changelogVersion;
        move(TenantStatus.ACTIVE, null, now);
    }

    public void fail(String reason, Instant now) {
        require(TenantStatus.PROVISIONING, "mark as failed");
        move(TenantStatus.FAILED, reason, now);
    }

    public String retry(Instant now) {
        require(TenantStatus.FAILED, "retry provisioning of");
        var previous = statusReason;
        move(TenantStatus.PROVISIONING, null, now);
        return previous;
    }

    public void suspend(String reason, Instant now) {
        require(TenantStatus.ACTIVE, "suspend");
        move(TenantStatus.SUSPENDED, reason, now);
    }

    public void resume(Instant now) {
        require(TenantStatus.SUSPENDED, "resume");
        move(TenantStatus.ACTIVE, null, now);
    }

    public void offboard(Instant now) {
        if (status == TenantStatus.PROVISIONING || status == TenantStatus.OFFBOARDED) {
            throw new TenantStateException("Cannot offboard tenant '" + slug + "' while it is " + status.label().toLowerCase()
                    + (status == TenantStatus.PROVISIONING ? "; wait for provisioning to finish." : "."));
        }
        move(TenantStatus.OFFBOARDED, null, now);
    }

    public void recordChangelogVersion(String version, Instant now) {
        if (status == TenantStatus.OFFBOARDED) {
            throw new TenantStateException("Tenant '" + slug + "' is offboarded; its schema is gone.");
        }
        this.changelogVersion = version;
        this.updatedAt = now;
    }

    private void require(TenantStatus expected, String action) {
        if (status != expected) {
            throw new TenantStateException("Cannot " + action + " tenant '" + slug + "': it is "
                    + status.label().toLowerCase() + ", not " + expected.label().toLowerCase() + ".");
        }
    }

    private void move(TenantStatus next, String reason, Instant now) {
        this.status = next;
        this.statusReason = reason;
        this.updatedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public String getSlug() {
        return slug;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getContactEmail() {
        return contactEmail;
    }

    public TenantStatus getStatus() {
        return status;
    }

    public String getStatusReason() {
        return statusReason;
    }

    public String getChangelogVersion() {
        return changelogVersion;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
