package io.concierge.tenant.internal;

import io.concierge.tenant.TenantStatus;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface TenantRepository extends JpaRepository<Tenant, UUID>, JpaSpecificationExecutor<Tenant> {

    Optional<Tenant> findBySlug(String slug);

    boolean existsBySlug(String slug);

    List<Tenant> findByStatusInOrderBySlug(Collection<TenantStatus> statuses);

    /** Status and count, one row per status present (the tenant_status_slug_idx index answers it). */
    @Query("SELECT t.status, count(t) FROM Tenant t GROUP BY t.status")
    List<Object[]> countByStatus();

    /** Stored changelog version and count, for the tenants in the given states. */
    @Query("SELECT t.changelogVersion, count(t) FROM Tenant t WHERE t.status IN :statuses GROUP BY t.changelogVersion")
    List<Object[]> countByChangelogVersion(Collection<TenantStatus> statuses);

    /** A page of the tenants in the given states at one of the versions (or at none recorded, when asked), by slug. */
    @Query("SELECT t FROM Tenant t WHERE t.status IN :statuses AND (t.changelogVersion IN :versions"
            + " OR (:orNone = TRUE AND t.changelogVersion IS NULL)) ORDER BY t.slug")
    List<Tenant> atChangelogVersions(Collection<TenantStatus> statuses, Collection<String> versions, boolean orNone,
                                     Pageable page);
}
