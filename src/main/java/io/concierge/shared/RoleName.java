package io.concierge.shared;

import java.util.regex.Pattern;

/**
 * A PostgreSQL role name that is safe to put into SQL: validated on creation and always emitted quoted, like
 * {@link SchemaName}. Roles belong to the whole server, not to one database, which is why the console's tenant
 * roles carry a prefix of their database's own.
 */
public record RoleName(String value) {

    private static final Pattern SAFE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public RoleName {
        if (value == null || !SAFE.matcher(value).matches() || value.startsWith("pg_")) {
            throw new InvalidValueException("'" + value + "' is not a valid role name (lower-case letters, digits and"
                    + " '_', starting with a letter, at most 63 characters, not starting with 'pg_')");
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
