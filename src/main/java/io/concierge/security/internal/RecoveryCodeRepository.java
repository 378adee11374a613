package io.concierge.security.internal;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.UUID;

interface RecoveryCodeRepository extends JpaRepository<RecoveryCode, RecoveryCode.Key> {

    @Query("select count(c) from RecoveryCode c where c.key.userId = :userId and c.usedAt is null")
    long countUnused(UUID userId);

    @Modifying
    @Query("delete from RecoveryCode c where c.key.userId = :userId")
    void deleteAllOf(UUID userId);
}
