package io.concierge.bulk;

import io.concierge.shared.InvalidValueException;

import java.util.List;

/** A bulk file with at least one error; nothing was created. Lists every error by row and field. */
public class BulkFileRejectedException extends InvalidValueException {

    public static final String FIELD = "file";

    private final transient List<RowError> rowErrors;

    public BulkFileRejectedException(List<RowError> errors) {
        super(FIELD, errors.size() == 1 ? "The file has 1 error; nothing was created: " + errors.get(0).describe()
                : "The file has " + errors.size() + " errors; nothing was created. First: " + errors.get(0).describe(),
                errors.stream().map(e -> new FieldError(e.row() == 0 ? null : e.row(), e.field(), e.message())).toList());
        this.rowErrors = List.copyOf(errors);
    }

    public List<RowError> rowErrors() {
        return rowErrors;
    }
}
