package io.concierge.security.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface ServiceAccountRepository extends JpaRepository<ServiceAccount, UUID> {

    Optional<ServiceAccount> findByName(String name);

    boolean existsByName(String name);

    List<ServiceAccount> findAllByOrderByNameAsc();
}
