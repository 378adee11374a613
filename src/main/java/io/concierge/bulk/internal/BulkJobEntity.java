package io.concierge.bulk.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "bulk_job")
public class BulkJobEntity {

    public static final String RUNNING = "RUNNING";
    private static final String FINISHED = "FINISHED";

    @Id
    private UUID id;
    @Column(name = "file_name")
    private String fileName;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at")
    private Instant createdAt;
    private String status;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "row_count")
    private int rowCount;

    protected BulkJobEntity() {
    }

    public BulkJobEntity(UUID id, String fileName, String createdBy, Instant createdAt, int rowCount) {
        this.id = id;
        this.fileName = fileName;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.rowCount = rowCount;
        this.status = RUNNING;
    }

    public void finish(Instant at) {
        status = FINISHED;
        finishedAt = at;
    }

    public void reopen() {
        status = RUNNING;
        finishedAt = null;
    }

    public UUID getId() {
        return id;
    }

    public String getFileName() {
        return fileName;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public boolean isFinished() {
        return FINISHED.equals(status);
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public int getRowCount() {
        return rowCount;
    }
}
