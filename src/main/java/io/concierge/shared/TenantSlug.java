package io.concierge.shared;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tenant's slug: the name operators type, used in the tenant's schema name and Redis keys. Only plain
 * ASCII is accepted, so Unicode look-alikes never reach SQL or Redis.
 */
public record TenantSlug(String value) {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 30;
    private static final Pattern ALLOWED = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> RESERVED = Set.of(
            "public", "information_schema", "concierge", "template", "tenant", "postgres", "admin",
            "system", "default", "root");

    public TenantSlug {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("slug", "Slug is required.");
        }
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new InvalidValueException("slug",
                    "Slug must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long (it has " + value.length() + ").");
        }
        if (!value.chars().allMatch(c -> c < 128)) {
            throw new InvalidValueException("slug",
                    "Slug may only use the plain letters a-z, digits and '_' (it contains a non-ASCII character).");
        }
        if (!Character.isLetter(value.charAt(0)) || !Character.isLowerCase(value.charAt(0))) {
            throw new InvalidValueException("slug", "Slug must start with a lower-case letter.");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidValueException("slug", "Slug may only use lower-case letters a-z, digits and '_'.");
        }
        if (value.startsWith("pg_")) {
            throw new InvalidValueException("slug", "Slugs starting with 'pg_' are reserved by PostgreSQL.");
        }
        if (RESERVED.contains(value)) {
            throw new InvalidValueException("slug", "'" + value + "' is a reserved name; choose another slug.");
        }
    }

    /** The PostgreSQL schema that holds this tenant's data. */
    public SchemaName schema() {
        return new SchemaName("tenant_" + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
