package io.concierge.bulk;

/**
 * One problem of a bulk file: the data row (0 for the file as a whole, such as a missing column), the field
 * (a column name, as in the file's header: slug, displayName, contactEmail, firstAdmin, like) and why.
 */
public record RowError(int row, String field, String message) {

    /** "Row 3, contactEmail: Contact email ..." as the report lists it. */
    public String describe() {
        return (row == 0 ? "File" : "Row " + row) + (field == null ? "" : ", " + field) + ": " + message;
    }
}
