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
     * Copies {@code template} into the new schema {@code target} in one transaction, refusing if the template
     * no longer has the changeset {@code templateLastChangeSet} on top (it was rebuilt meanwhile).
     */
    public void copy(SchemaName template, String templateLastChangeSet, SchemaName target) {
        tx.executeWithoutResult(status -> {
            // Shared: copies run side by side; a template rebuild takes the exclusive side.
            jdbc.queryForList("SELECT pg_advisory_xact_lock_shared(" + SchemaLocks.KEY + ")", SchemaLocks.key(template));
            lock(target);
            var top = lastChangeSet(template).orElse(null);
            if (!templateLastChangeSet.equals(top)) {
                throw new IllegalStateException("The template schema " + template + " changed while copying ("
                        + top + " instead of " + templateLastChangeSet + "); retry.");
            }
            jdbc.queryForList("SELECT " + consoleSchema + ".clone_schema(?, ?)", template.value(), target.value());
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
