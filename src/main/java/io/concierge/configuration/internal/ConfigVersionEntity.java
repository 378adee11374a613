package io.concierge.configuration.internal;

import io.concierge.configuration.ConfigArea;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A stored configuration version; rows are only ever inserted. */
@Entity
@Immutable
@Table(name = "config_version")
public class ConfigVersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Convert(converter = ConfigAreaConverter.class)
    @Column(nullable = false)
    private ConfigArea area;

    @Column(nullable = false)
    private long version;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private String content;

    @Column(nullable = false)
    private String author;

    @Column(nullable = false)
    private String comment;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "restored_from")
    private Long restoredFrom;

    protected ConfigVersionEntity() {
    }

    public ConfigVersionEntity(UUID tenantId, ConfigArea area, long version, String content, String author,
                               String comment, Instant createdAt, Long restoredFrom) {
        this.tenantId = tenantId;
        this.area = area;
        this.version = version;
        this.content = content;
        this.author = author;
        this.comment = comment;
        this.createdAt = createdAt;
        this.restoredFrom = restoredFrom;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public ConfigArea getArea() {
        return area;
    }

    public long getVersion() {
        return version;
    }

    public String getContent() {
        return content;
    }

    public String getAuthor() {
        return author;
    }

    public String getComment() {
        return comment;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Long getRestoredFrom() {
        return restoredFrom;
    }
}
