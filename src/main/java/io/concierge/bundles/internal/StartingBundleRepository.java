package io.concierge.bundles.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

public interface StartingBundleRepository extends JpaRepository<StartingBundleEntity, UUID> {
}
