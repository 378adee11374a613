package io.concierge.configuration;

import io.concierge.shared.TenantId;

import java.util.Optional;

/**
 * Decides whether a user's save of an area goes live at once or waits for approval. The change-request module
 * implements it; without an implementation every save is direct. {@link ConfigurationAreas#submit} asks it after
 * the edit rule and validation passed, inside the saving transaction.
 */
public interface ChangeGate {

    /**
     * Empty to let the save through as a new version; otherwise the change request opened for it (nothing else is
     * written). {@code content} is the validated content as the store would keep it (the area's JSON).
     */
    Optional<Submission.Proposed> intercept(ConfigArea area, TenantId tenant, long expectedVersion, String content,
                                            String comment);
}
