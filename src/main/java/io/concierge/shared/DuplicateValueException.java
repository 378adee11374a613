package io.concierge.shared;

/**
 * A value that must be unique is taken already (a tenant slug, a token name). It is bad input for the form that
 * typed it (a subtype of {@link InvalidValueException}, shown at the field), and a conflict (409) for the API.
 */
public class DuplicateValueException extends InvalidValueException {

    public DuplicateValueException(String field, String message) {
        super(field, message);
    }
}
