package io.concierge.bulk.internal;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

public interface BulkJobRepository extends JpaRepository<BulkJobEntity, UUID> {

    List<BulkJobEntity> findAllByOrderByCreatedAtDesc(Pageable page);

    List<BulkJobEntity> findByStatusOrderByCreatedAt(String status);
}
