package io.concierge.shared;

/**
 * The request is valid but the current state does not allow it (a lifecycle action in the wrong state, a name
 * that is taken); the API answers 409. {@code field} names the input it concerns, if one does.
 */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String message) {
        this(null, message);
    }

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
