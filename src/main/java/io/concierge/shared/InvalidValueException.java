package io.concierge.shared;

/** A value a user typed (or an API client sent) is not acceptable; the message says why, for the user. */
public class InvalidValueException extends RuntimeException {

    private final String field;

    public InvalidValueException(String message) {
        this(null, message);
    }

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form field the message belongs to, or {@code null} when it concerns the whole input. */
    public String field() {
        return field;
    }
}
