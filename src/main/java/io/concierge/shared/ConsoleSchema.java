package io.concierge.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The console's own schema, as configured for Hibernate and Flyway. Plain JDBC does not see Hibernate's default
 * schema, so every module that writes SQL by hand names its tables through this one place.
 */
@Component
public class ConsoleSchema {

    private final SchemaName name;

    ConsoleSchema(@Value("${spring.jpa.properties.hibernate.default_schema:concierge}") String name) {
        this.name = new SchemaName(name);
    }

    /** The schema as a quoted SQL identifier. */
    public String quoted() {
        return name.quoted();
    }

    /** A table (or sequence, or function) of the console schema, qualified and quoted for SQL. */
    public String qualify(String object) {
        return name.quoted() + "." + object;
    }
}
