package io.concierge.publishing.internal;

/**
 * A tenant's state cannot be published as it is (invalid data in the database, a key of the wrong type in
 * Redis). The message is shown to operators as the tenant's publication error.
 */
public class PublicationException extends RuntimeException {

    public PublicationException(String message) {
        super(message);
    }
}
