package io.concierge.configuration.internal;

import io.concierge.configuration.ConfigArea;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ConfigVersionRepository extends JpaRepository<ConfigVersionEntity, Long> {

    Optional<ConfigVersionEntity> findFirstByTenantIdAndAreaOrderByVersionDesc(UUID tenantId, ConfigArea area);

    Optional<ConfigVersionEntity> findByTenantIdAndAreaAndVersion(UUID tenantId, ConfigArea area, long version);

    List<ConfigVersionEntity> findByTenantIdAndAreaOrderByVersionDesc(UUID tenantId, ConfigArea area);

    Optional<ConfigVersionEntity> findFirstByTenantIdAndAreaAndCreatedAtLessThanEqualOrderByVersionDesc(
            UUID tenantId, ConfigArea area, Instant at);

    /** The newest version of every area of the given tenants: rows of (tenant id, area, version). */
    @Query("select v.tenantId, v.area, max(v.version) from ConfigVersionEntity v where v.tenantId in :tenants "
            + "group by v.tenantId, v.area")
    List<Object[]> currentVersions(Collection<UUID> tenants);

    /** The given tenants that have a version of the area written by anyone but {@code author}. */
    @Query("select distinct v.tenantId from ConfigVersionEntity v where v.tenantId in :tenants and v.area = :area "
            + "and v.author <> :author")
    List<UUID> tenantsWithAuthorOtherThan(Collection<UUID> tenants, ConfigArea area, String author);

    /** How many tenants have a version of the area written by anyone but {@code author} (any author: null). */
    @Query("select count(distinct v.tenantId) from ConfigVersionEntity v where v.area = :area "
            + "and (:author is null or v.author <> :author)")
    long countTenantsWithArea(ConfigArea area, String author);
}
