package io.concierge.shared;

import java.util.regex.Pattern;

/**
 * A PostgreSQL schema name that is safe to put into SQL: validated on creation and always emitted quoted,
 * so nothing downstream re-checks or quotes by hand.
 */
public record SchemaName(String value) {

    private static final Pattern SAFE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public SchemaName {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new InvalidValueException("'" + value + "' is not a valid schema name");
        }
    }

    /** The name as a quoted SQL identifier. */
    public String quoted() {
        return '"' + value + '"';
    }

    @Override
    public String toString() {
        return value;
    }
}
