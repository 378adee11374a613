package io.concierge.security.internal;

import io.concierge.security.Role;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ConsoleUserRepository extends JpaRepository<ConsoleUser, UUID> {

    Optional<ConsoleUser> findByUsername(String username);

    boolean existsByUsername(String username);

    boolean existsByRoleAndActiveTrue(Role role);

    List<ConsoleUser> findAllByOrderByUsernameAsc();

    boolean existsByTenantIdAndLastLoginAtIsNotNull(UUID tenantId);

    List<ConsoleUser> findAllByTotpSecretIsNotNull();

    Optional<ConsoleUser> findByManagedByAndExternalSubject(String managedBy, String externalSubject);

    @Query("select count(distinct u.tenantId) from ConsoleUser u where u.tenantId is not null and u.lastLoginAt is not null")
    long countTenantsWithSignedInUser();

    @Query("select distinct u.tenantId from ConsoleUser u where u.tenantId in :tenants and u.lastLoginAt is not null")
    List<UUID> tenantsWithSignedInUser(Collection<UUID> tenants);
}
