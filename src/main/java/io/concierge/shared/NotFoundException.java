package io.concierge.shared;

/**
 * What was asked for does not exist, or the caller may not know that it exists (another partner's tenant): the
 * two are told apart nowhere, so the answer leaks nothing. The API answers 404.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }

    /** The one answer for a tenant that does not exist and for one the caller may not read. */
    public static NotFoundException tenant(String slug) {
        return new NotFoundException("No tenant '" + slug + "'.");
    }
}
