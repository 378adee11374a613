package io.concierge.bulk.internal;

import io.concierge.bulk.RowOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "bulk_job_row")
@IdClass(BulkRowEntity.Key.class)
public class BulkRowEntity {

    @Id
    @Column(name = "job_id")
    private UUID jobId;
    @Id
    @Column(name = "row_no")
    private int rowNo;
    private String slug;
    @Column(name = "display_name")
    private String displayName;
    @Column(name = "contact_email")
    private String contactEmail;
    @Column(name = "first_admin")
    private String firstAdmin;
    @Column(name = "like_slug")
    private String likeSlug;
    @Enumerated(EnumType.STRING)
    private RowOutcome outcome;
    @Column(name = "tenant_id")
    private UUID tenantId;
    private String message;
    private int attempts;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected BulkRowEntity() {
    }

    public BulkRowEntity(UUID jobId, int rowNo, String slug, String displayName, String contactEmail,
                         String firstAdmin, String likeSlug, Instant now) {
        this.jobId = jobId;
        this.rowNo = rowNo;
        this.slug = slug;
        this.displayName = displayName;
        this.contactEmail = contactEmail;
        this.firstAdmin = firstAdmin;
        this.likeSlug = likeSlug;
        this.outcome = RowOutcome.PENDING;
        this.updatedAt = now;
    }

    /** Queued again by a retry; the attempt is counted when a worker takes it. */
    public void requeue(Instant now) {
        outcome = RowOutcome.PENDING;
        message = null;
        updatedAt = now;
    }

    /** A worker takes the row: one more attempt. */
    public void start(Instant now) {
        attempts++;
        outcome = RowOutcome.PENDING;
        message = null;
        updatedAt = now;
    }

    public void record(RowOutcome outcome, UUID tenantId, String message, Instant now) {
        this.outcome = outcome;
        if (tenantId != null) {
            this.tenantId = tenantId;
        }
        this.message = message == null || message.length() <= 1000 ? message : message.substring(0, 1000);
        this.updatedAt = now;
    }

    public UUID getJobId() {
        return jobId;
    }

    public int getRowNo() {
        return rowNo;
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

    public String getFirstAdmin() {
        return firstAdmin;
    }

    public String getLikeSlug() {
        return likeSlug;
    }

    public RowOutcome getOutcome() {
        return outcome;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getMessage() {
        return message;
    }

    public int getAttempts() {
        return attempts;
    }

    public record Key(UUID jobId, int rowNo) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
