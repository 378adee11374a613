package io.concierge.security.internal;

import io.concierge.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "console_user")
public class ConsoleUser {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "tenant_slug")
    private String tenantSlug;

    @Column(nullable = false)
    private boolean active = true;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    /** Set for a generated password: the next sign-in must replace it before anything else. */
    @Column(name = "password_temporary", nullable = false)
    private boolean passwordTemporary;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected ConsoleUser() {
    }

    public ConsoleUser(String username, String passwordHash, Role role, UUID tenantId, String tenantSlug) {
        if ((role == Role.PARTNER_ADMIN) != (tenantId != null)) {
            throw new IllegalArgumentException("a partner admin is bound to exactly one tenant; other roles to none");
        }
        this.id = UUID.randomUUID();
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.tenantId = tenantId;
        this.tenantSlug = tenantSlug;
        this.createdAt = Instant.now();
    }

    void recordSuccess(Instant now) {
        lastLoginAt = now;
    }

    void changePassword(String newHash) {
        this.passwordHash = newHash;
    }

    /** A generated password: usable once, to sign in and choose one's own. */
    void setTemporaryPassword(String newHash) {
        changePassword(newHash);
        this.passwordTemporary = true;
    }

    /** The user chose their own password. */
    void setOwnPassword(String newHash) {
        changePassword(newHash);
        this.passwordTemporary = false;
    }

    public boolean isPasswordTemporary() {
        return passwordTemporary;
    }

    void setActive(boolean active) {
        this.active = active;
    }

    public UUID getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getTenantSlug() {
        return tenantSlug;
    }

    public boolean isActive() {
        return active;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
