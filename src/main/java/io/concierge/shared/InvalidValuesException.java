package io.concierge.shared;

import java.util.List;

/**
 * Bad input with several problems at once (an uploaded file, a document): each names where it is, so a form or
 * an API client can show them all. The message summarises; {@link #errors()} lists every one (the API answers them
 * as the problem's {@code errors}).
 */
public class InvalidValuesException extends InvalidValueException {

    /** One problem: the data row it is in (null when the input has no rows), the field or path, and why. */
    public record Error(Integer row, String field, String message) {
    }

    private final transient List<Error> errors;

    public InvalidValuesException(String field, String message, List<Error> errors) {
        super(field, message);
        this.errors = List.copyOf(errors);
    }

    public List<Error> errors() {
        return errors;
    }
}
