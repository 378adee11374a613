package io.concierge.configuration;

/**
 * What became of a user's save of an area ({@link ConfigurationAreas#submit}): a new version, or, where the area
 * needs approval, a change request that holds the proposed content until it is approved and applied.
 */
public sealed interface Submission {

    /** The content was saved at once as the area's next version. */
    record Saved(ConfigVersion version) implements Submission {
    }

    /**
     * The content waits for approval as change request {@code request}; {@code message} says so to the user
     * ("Change request #12 is waiting for 1 approval").
     */
    record Proposed(long request, String message) implements Submission {
    }
}
