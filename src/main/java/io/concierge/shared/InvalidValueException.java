package io.concierge.shared;

import java.util.List;

/**
 * A value a user typed (or an API client sent) is not acceptable; the message says why, for the user. A refusal
 * can name several fields at once ({@link #errors()}, collected with {@link FieldErrors}), so a form marks every
 * offending field in one go; {@link #field()} and {@link #getMessage()} are then the first of them.
 */
public class InvalidValueException extends RuntimeException {

    /** One offending field (null: the whole input) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidValueException(String message) {
        this(null, message);
    }

    public InvalidValueException(String field, String message) {
        super(message);
        this.errors = List.of(new FieldError(field, message));
    }

    /** A refusal of several fields at once, in form order; at least one. */
    public InvalidValueException(List<FieldError> errors) {
        super(errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    /** The form field the (first) message belongs to, or {@code null} when it concerns the whole input. */
    public String field() {
        return errors.get(0).field();
    }

    /** Every offending field with its message, in the order they were found (form order); never empty. */
    public List<FieldError> errors() {
        return errors;
    }
}
