package io.concierge.shared;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A value a user typed (or an API client sent) is not acceptable; the message says why, for the user. A refusal
 * can name several fields at once ({@link #errors()}, collected with {@link FieldErrors}), so a form marks every
 * offending field in one go and the API answers them all as the problem's {@code errors}; {@link #field()} and
 * {@link #getMessage()} are then the first of them, or a summary (an uploaded file, a bundle document).
 */
public class InvalidValueException extends RuntimeException {

    /**
     * One problem: the data row it is in (null when the input has no rows: a form, a document), the field or path
     * (null: the whole input), and what is wrong.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(Integer row, String field, String message) {

        public FieldError(String field, String message) {
            this(null, field, message);
        }
    }

    private final String field;
    private final List<FieldError> errors;

    public InvalidValueException(String message) {
        this(null, message);
    }

    public InvalidValueException(String field, String message) {
        this(field, message, List.of(new FieldError(field, message)));
    }

    /** A refusal of several fields at once, in form order; at least one. */
    public InvalidValueException(List<FieldError> errors) {
        this(errors.get(0).field(), errors.get(0).message(), errors);
    }

    /** A refusal summarised by {@code message} at {@code field}, with every problem listed; at least one. */
    public InvalidValueException(String field, String message, List<FieldError> errors) {
        super(message);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one problem");
        }
        this.field = field;
        this.errors = List.copyOf(errors);
    }

    /** The form field the (first) message belongs to, or {@code null} when it concerns the whole input. */
    public String field() {
        return field;
    }

    /** Every problem with its message, in the order they were found (form order, file order); never empty. */
    public List<FieldError> errors() {
        return errors;
    }
}
