package io.concierge.provisioning.internal;

import io.concierge.shared.ConsoleSchema;
import io.concierge.shared.SchemaName;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;

/** Plain SQL on tenant schemas: copy, drop, inspect. Each change is one transaction under the schema's lock. */
@Component
public class SchemaOperations {

    /** How a copy script writes the schema it creates (Flyway V2_3). */
    static final String TARGET = "{{target}}";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    /** The console's own schema, where Flyway installed the copy and fingerprint functions. */
    private final String consoleSchema;

    SchemaOperations(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                     ConsoleSchema consoleSchema) {
        this.consoleSchema = consoleSchema.quoted();
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    public boolean exists(SchemaName schema) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)", Boolean.class, schema.value()));
    }

    public void create(SchemaName schema) {
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + schema.quoted());
    }

    /** Drops the schema with everything in it; returns whether there was one. */
    public boolean dropIfExists(SchemaName schema) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            lock(schema);
            if (!exists(schema)) {
                return false;
            }
            jdbc.execute("DROP SCHEMA " + schema.quoted() + " CASCADE");
            return true;
        }));
    }

    /**
     * Plans the copy of {@code template}: copies it into a scratch schema inside a transaction that is rolled back,
     * and returns the statements that did it as one script, the target schema written as {@link #TARGET}
     * ({@code concierge.clone_schema_script}, Flyway V2_3). Looking the template's structure up in the catalog costs
     * more than the copy itself once the catalog holds a thousand tenants, so it is done once per template.
     */
    public String copyScript(SchemaName template) {
        var scratch = new SchemaName(template.value() + "_plan");
        return tx.execute(status -> {
            status.setRollbackOnly();
            jdbc.queryForList("SELECT pg_advisory_xact_lock(" + SchemaLocks.KEY + ")", SchemaLocks.key(scratch));
            return String.join(";\n", jdbc.queryForList("SELECT " + consoleSchema + ".clone_schema_script(?, ?)",
                    String.class, template.value(), scratch.value()));
        });
    }

    /**
     * Copies {@code template} into the new schema {@code target} in one transaction by replaying its
     * {@linkplain #copyScript copy script}, refusing if the template no longer has the changeset
     * {@code templateLastChangeSet} on top (it was rebuilt meanwhile, so the script may no longer fit).
     */
    public void copy(SchemaName template, String templateLastChangeSet, String copyScript, SchemaName target) {
        tx.executeWithoutResult(status -> {
            // Shared on the template: copies run side by side; a template rebuild takes the exclusive side. The locks
            // and the check share one round trip, the script takes another.
            var top = jdbc.queryForObject("SELECT pg_advisory_xact_lock_shared(" + SchemaLocks.KEY + "), "
                            + "pg_advisory_xact_lock(" + SchemaLocks.KEY + "), (SELECT id FROM " + template.quoted()
                            + ".databasechangelog ORDER BY orderexecuted DESC LIMIT 1)",
                    (rs, row) -> rs.getString(3), SchemaLocks.key(template), SchemaLocks.key(target));
            if (!templateLastChangeSet.equals(top)) {
                throw new IllegalStateException("The template schema " + template + " changed while copying ("
                        + top + " instead of " + templateLastChangeSet + "); retry.");
            }
            // the target is a validated, quoted name, the only text put into the script
            jdbc.execute(copyScript.replace(TARGET, target.quoted()));
        });
    }

    /** Replaces {@code target} by {@code source} (renamed), under the exclusive lock that copies respect. */
    public void replace(SchemaName source, SchemaName target) {
        tx.executeWithoutResult(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(" + SchemaLocks.KEY + ")", SchemaLocks.key(target));
            jdbc.execute("DROP SCHEMA IF EXISTS " + target.quoted() + " CASCADE");
            jdbc.execute("ALTER SCHEMA " + source.quoted() + " RENAME TO " + target.quoted());
        });
    }

    public Fingerprint fingerprint(SchemaName schema) {
        return new Fingerprint(jdbc.queryForList("SELECT " + consoleSchema + ".schema_fingerprint(?)", String.class, schema.value()));
    }

    /** The id of the newest changeset the schema has applied, if it has a changelog table at all. */
    public Optional<String> lastChangeSet(SchemaName schema) {
        var table = jdbc.queryForObject("SELECT to_regclass(?)::text", String.class,
                schema.quoted() + ".databasechangelog");
        if (table == null) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT id FROM " + schema.quoted()
                + ".databasechangelog ORDER BY orderexecuted DESC LIMIT 1", String.class).stream().findFirst();
    }

    private void lock(SchemaName schema) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(" + SchemaLocks.KEY + ")", SchemaLocks.key(schema));
    }
}
