package io.concierge.provisioning.internal;

import io.concierge.shared.ConsoleSchema;
import io.concierge.shared.SchemaName;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/** Plain SQL on tenant schemas: copy, drop, inspect. Each change is one transaction under the schema's lock. */
@Component
public class SchemaOperations {

    /** How a copy script writes the schema it creates (Flyway V2_3). */
    static final String TARGET = "{{target}}";
    /** What a tenant's role may do with its tables, and with its sequences (docs/postgres-contract.md). */
    static final String TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE";
    static final String SEQUENCE_PRIVILEGES = "USAGE, SELECT";
    private static final String DUPLICATE_OBJECT = "42710";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    /** The console's own schema, where Flyway installed the copy and fingerprint functions. */
    private final String consoleSchema;
    private final TenantRoles roles;

    SchemaOperations(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                     ConsoleSchema consoleSchema, TenantRoles roles) {
        this.consoleSchema = consoleSchema.quoted();
        this.roles = roles;
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

    /** Drops the schema with everything in it, and its role; returns whether there was a schema. */
    public boolean dropIfExists(SchemaName schema) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            lock(schema);
            boolean existed = exists(schema);
            if (existed) {
                jdbc.execute("DROP SCHEMA " + schema.quoted() + " CASCADE");
            }
            // after the schema, which took the role's privileges (and default privileges) with it
            roles.dropIfOurs(schema);
            return existed;
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
                    String.class, template.value(), scratch.value())) + ";\n" + accessScript(template);
        });
    }

    /**
     * The grants that give a copy's role ({@link TenantRoles#ROLE}) what the platform needs in the copy
     * ({@link #TARGET}): USAGE on the schema, reading and writing every table and view of the template (not
     * Liquibase's tracking tables) and using its sequences; the same by default on what later changesets create.
     * Tables are named one by one, since {@code ... ON ALL TABLES IN SCHEMA} scans the whole catalog.
     */
    String accessScript(SchemaName template) {
        var relations = jdbc.query("SELECT quote_ident(c.relname), c.relkind = 'S' FROM pg_class c"
                        + " WHERE c.relnamespace = ?::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')"
                        + " AND c.relname NOT IN ('databasechangelog', 'databasechangeloglock') ORDER BY c.relname",
                (rs, row) -> Map.entry(TARGET + "." + rs.getString(1), rs.getBoolean(2)), template.quoted());
        var tables = relations.stream().filter(r -> !r.getValue()).map(Map.Entry::getKey).toList();
        var sequences = relations.stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        var script = new ArrayList<String>();
        script.add("GRANT USAGE ON SCHEMA " + TARGET + " TO " + TenantRoles.ROLE);
        if (!tables.isEmpty()) {
            script.add("GRANT " + TABLE_PRIVILEGES + " ON TABLE " + String.join(", ", tables) + " TO " + TenantRoles.ROLE);
        }
        if (!sequences.isEmpty()) {
            script.add("GRANT " + SEQUENCE_PRIVILEGES + " ON SEQUENCE " + String.join(", ", sequences) + " TO "
                    + TenantRoles.ROLE);
        }
        script.add("ALTER DEFAULT PRIVILEGES IN SCHEMA " + TARGET + " GRANT " + TABLE_PRIVILEGES + " ON TABLES TO "
                + TenantRoles.ROLE);
        script.add("ALTER DEFAULT PRIVILEGES IN SCHEMA " + TARGET + " GRANT " + SEQUENCE_PRIVILEGES
                + " ON SEQUENCES TO " + TenantRoles.ROLE);
        return String.join(";\n", script);
    }

    /**
     * Gives the template its own role with the grants every copy gets, so that its fingerprint, privileges
     * included, is the one each tenant schema is checked against.
     */
    public void grantTemplateAccess(SchemaName build, SchemaName template) {
        tx.executeWithoutResult(status -> {
            roles.ensure(template);
            jdbc.execute(accessScript(build).replace(TARGET, build.quoted())
                    .replace(TenantRoles.ROLE, roles.roleOf(template).quoted()));
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
            // the target and its role are validated, quoted names, the only text put into the script; the role is
            // created in the same transaction as the schema
            try {
                jdbc.execute(roles.createStatements(target) + ";\n" + copyScript.replace(TARGET, target.quoted())
                        .replace(TenantRoles.ROLE, roles.roleOf(target).quoted()));
            } catch (DataAccessException e) {
                if (e.getMostSpecificCause() instanceof SQLException sql && DUPLICATE_OBJECT.equals(sql.getSQLState())
                        && sql.getMessage().contains(roles.roleOf(target).value())) {
                    throw roles.foreign(target, "created elsewhere");
                }
                throw e;
            }
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
        return new Fingerprint(jdbc.queryForList("SELECT " + consoleSchema + ".schema_fingerprint(?, ?)", String.class,
                schema.value(), roles.roleOf(schema).value()));
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
