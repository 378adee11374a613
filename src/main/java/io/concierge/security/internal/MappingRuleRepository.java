package io.concierge.security.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

interface MappingRuleRepository extends JpaRepository<MappingRuleEntity, UUID> {

    List<MappingRuleEntity> findAllByOrderByProviderAscClaimAscClaimValueAsc();

    List<MappingRuleEntity> findByProvider(String provider);

    boolean existsByProviderAndClaimAndClaimValue(String provider, String claim, String claimValue);
}
