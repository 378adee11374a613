package io.concierge.bulk.internal;

import io.concierge.bulk.RowOutcome;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

public interface BulkRowRepository extends JpaRepository<BulkRowEntity, BulkRowEntity.Key> {

    List<BulkRowEntity> findByJobIdOrderByRowNo(UUID jobId);

    List<BulkRowEntity> findByJobIdAndOutcomeOrderByRowNo(UUID jobId, RowOutcome outcome);

    List<BulkRowEntity> findByJobIdAndOutcomeInOrderByRowNo(UUID jobId, Collection<RowOutcome> outcomes);

    long countByJobIdAndOutcomeIn(UUID jobId, Collection<RowOutcome> outcomes);

    @Query("select r.outcome, count(r) from BulkRowEntity r where r.jobId = :jobId group by r.outcome")
    List<Object[]> countByOutcome(UUID jobId);
}
