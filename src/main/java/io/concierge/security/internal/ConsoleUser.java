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

    @Column(name = "managed_by")
    private String managedBy;

    @Column(name = "external_subject")
    private String externalSubject;

    @Column(name = "totp_secret")
    private String totpSecret;

    @Column(name = "totp_enrolled_at")
    private Instant totpEnrolledAt;

    @Column(name = "totp_last_step")
    private Long totpLastStep;

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

    /** A user created by single sign-on: its provider, not an operator, decides its role. */
    static ConsoleUser managed(String username, String provider, String subject, Role role, UUID tenantId,
                               String tenantSlug) {
        // no password can match: the hash of nothing, marked so that no encoder accepts it
        var user = new ConsoleUser(username, "{sso}" + provider, role, tenantId, tenantSlug);
        user.managedBy = provider;
        user.externalSubject = subject;
        return user;
    }

    /** The provider's mapping decides the role at every sign-in. */
    boolean followMapping(Role role, UUID tenantId, String tenantSlug) {
        if ((role == Role.PARTNER_ADMIN) != (tenantId != null)) {
            throw new IllegalArgumentException("a partner admin is bound to exactly one tenant; other roles to none");
        }
        var changed = this.role != role || !java.util.Objects.equals(this.tenantId, tenantId);
        this.role = role;
        this.tenantId = tenantId;
        this.tenantSlug = tenantSlug;
        return changed;
    }

    void recordSsoSignIn(Instant now) {
        lastLoginAt = now;
    }

    /** {@code sealedSecret}: the TOTP secret as {@link TotpSecretCipher} sealed it for this user. */
    void enrolTotp(String sealedSecret, long usedStep, Instant now) {
        this.totpSecret = sealedSecret;
        this.totpEnrolledAt = now;
        this.totpLastStep = usedStep;
    }

    void resetTotp() {
        this.totpSecret = null;
        this.totpEnrolledAt = null;
        this.totpLastStep = null;
    }

    /** The same secret, sealed again (under the current key, or for the first time). */
    void sealTotpSecret(String sealedSecret) {
        this.totpSecret = sealedSecret;
    }

    /** Remembers the time step of an accepted code, so that the same code is refused from now on. */
    void useTotpStep(long step) {
        this.totpLastStep = step;
    }

    public String getManagedBy() {
        return managedBy;
    }

    public String getExternalSubject() {
        return externalSubject;
    }

    public boolean isManaged() {
        return managedBy != null;
    }

    /** The TOTP secret as stored: sealed by {@link TotpSecretCipher} (or plaintext, if written before that). */
    public String getTotpSecret() {
        return totpSecret;
    }

    public Instant getTotpEnrolledAt() {
        return totpEnrolledAt;
    }

    public long getTotpLastStep() {
        return totpLastStep == null ? Long.MIN_VALUE : totpLastStep;
    }

    public boolean hasTotp() {
        return totpSecret != null;
    }
}
