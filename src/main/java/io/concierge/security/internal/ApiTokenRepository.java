package io.concierge.security.internal;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface ApiTokenRepository extends JpaRepository<ApiToken, UUID> {

    Optional<ApiToken> findByLookupId(String lookupId);

    List<ApiToken> findByUserIdOrderByCreatedAtDesc(UUID userId);

    List<ApiToken> findByServiceAccountIdOrderByCreatedAtDesc(UUID serviceAccountId);

    /**
     * Opens a new refusal window for the token when the reason differs from the last one or its window started
     * before {@code windowStart}; 1 when it did (so this refusal is the one to audit), 0 when one is open already.
     */
    @Modifying(flushAutomatically = true)
    @Query("update ApiToken t set t.refusedReason = :reason, t.refusedSince = :now where t.id = :id "
            + "and (t.refusedReason is null or t.refusedReason <> :reason or t.refusedSince < :windowStart)")
    int openRefusalWindow(UUID id, String reason, Instant now, Instant windowStart);
}
