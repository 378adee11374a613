package io.concierge.security.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface ApiTokenRepository extends JpaRepository<ApiToken, UUID> {

    Optional<ApiToken> findByLookupId(String lookupId);

    List<ApiToken> findByUserIdOrderByCreatedAtDesc(UUID userId);

    List<ApiToken> findByServiceAccountIdOrderByCreatedAtDesc(UUID serviceAccountId);
}
