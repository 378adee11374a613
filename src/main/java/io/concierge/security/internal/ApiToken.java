package io.concierge.security.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A personal access token or a service account's token; only the SHA-256 of its secret is stored. */
@Entity
@Table(name = "api_token")
class ApiToken {

    enum Kind { PERSONAL, SERVICE }

    @Id
    private UUID id;
    @Column(name = "lookup_id", nullable = false, unique = true)
    private String lookupId;
    @Column(name = "secret_hash", nullable = false)
    private String secretHash;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;
    @Column(name = "user_id")
    private UUID userId;
    @Column(name = "service_account_id")
    private UUID serviceAccountId;
    @Column(nullable = false)
    private String name;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;
    @Column(name = "last_used_at")
    private Instant lastUsedAt;
    @Column(name = "last_used_address")
    private String lastUsedAddress;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "revoked_by")
    private String revokedBy;
    @Column(name = "refused_reason")
    private String refusedReason;
    @Column(name = "refused_since")
    private Instant refusedSince;

    protected ApiToken() {
    }

    ApiToken(Kind kind, UUID owner, String name, String lookupId, String secretHash, String createdBy,
             Instant createdAt, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.kind = kind;
        if (kind == Kind.PERSONAL) {
            this.userId = owner;
        } else {
            this.serviceAccountId = owner;
        }
        this.name = name;
        this.lookupId = lookupId;
        this.secretHash = secretHash;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    boolean usable(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    void revoke(String by, Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
            revokedBy = by;
        }
    }

    /** A rotated token stops working at the end of the overlap (or at its own expiry, if that comes first). */
    void expireBy(Instant at) {
        if (at.isBefore(expiresAt)) {
            expiresAt = at.isAfter(createdAt) ? at : createdAt.plusMillis(1);
        }
    }

    void used(Instant now, String address) {
        lastUsedAt = now;
        lastUsedAddress = address;
    }

    UUID getId() {
        return id;
    }

    String getLookupId() {
        return lookupId;
    }

    String getSecretHash() {
        return secretHash;
    }

    Kind getKind() {
        return kind;
    }

    UUID getUserId() {
        return userId;
    }

    UUID getServiceAccountId() {
        return serviceAccountId;
    }

    String getName() {
        return name;
    }

    String getCreatedBy() {
        return createdBy;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    Instant getLastUsedAt() {
        return lastUsedAt;
    }

    String getLastUsedAddress() {
        return lastUsedAddress;
    }

    Instant getRevokedAt() {
        return revokedAt;
    }

    String getRevokedBy() {
        return revokedBy;
    }
}
