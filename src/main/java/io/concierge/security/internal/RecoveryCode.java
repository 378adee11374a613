package io.concierge.security.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One recovery code of a user's second factor, as a hash; it works once. */
@Entity
@Table(name = "console_recovery_code")
class RecoveryCode {

    @EmbeddedId
    private Key key;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RecoveryCode() {
    }

    RecoveryCode(UUID userId, String codeHash) {
        this.key = new Key(userId, codeHash);
    }

    boolean isUsed() {
        return usedAt != null;
    }

    void use(Instant now) {
        usedAt = now;
    }

    @Embeddable
    record Key(@Column(name = "user_id") UUID userId, @Column(name = "code_hash") String codeHash)
            implements Serializable {
    }
}
