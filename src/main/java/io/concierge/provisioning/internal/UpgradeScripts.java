package io.concierge.provisioning.internal;

import io.concierge.shared.ConsoleSchema;
import io.concierge.shared.SchemaName;
import io.concierge.provisioning.internal.UpgradePlanner.UpgradePlan;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs planned upgrade scripts ({@link UpgradePlanner}) on tenant schemas: each schema in one transaction under its
 * lock, checked before (its fingerprint must be the plan's) and after (it must be the template's), with whatever
 * the caller records in the same transaction. So a schema is either upgraded, verified and recorded, or untouched.
 */
@Component
public class UpgradeScripts {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String consoleSchema;

    UpgradeScripts(JdbcTemplate jdbc, PlatformTransactionManager transactions, ConsoleSchema consoleSchema) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.consoleSchema = consoleSchema.quoted();
    }

    /**
     * Liquibase's {@code update-sql} output for {@code scratch}, with every qualified use of its name written as
     * {@link SchemaOperations#TARGET}, and the search path Liquibase sets for raw SQL changes; empty when the name
     * occurs elsewhere too (the script would then not fit another schema).
     */
    static Optional<String> templated(String sql, SchemaName scratch) {
        var qualified = Pattern.compile("(?<![\\w$\"])(?:\"" + scratch.value() + "\"|" + scratch.value() + ")(?=\\.)");
        var script = qualified.matcher(sql).replaceAll(Matcher.quoteReplacement(SchemaOperations.TARGET));
        if (script.contains(scratch.value())) {
            return Optional.empty();
        }
        // Liquibase puts the schema in front of the session's search path before it runs a changeset (its
        // DatabaseUtils.initializeDatabase); unqualified names in raw SQL changes resolve the same way here
        return Optional.of("SELECT set_config('search_path', '" + SchemaOperations.TARGET
                + ", ' || current_setting('search_path'), true);\n" + script);
    }

    /** The schema's fingerprint as one hash (lines in byte order), computed in the database. */
    String digest(SchemaName schema) {
        return jdbc.queryForObject("SELECT md5(coalesce(string_agg(line, E'\\n' ORDER BY line COLLATE \"C\"), ''))"
                + " FROM " + consoleSchema + ".schema_fingerprint(?) AS f(line)", String.class, schema.value());
    }

    /** The highest ORDEREXECUTED of the schema's changelog rows. */
    long lastOrder(SchemaName schema) {
        var order = jdbc.queryForObject("SELECT max(orderexecuted) FROM " + schema.quoted() + ".databasechangelog",
                Long.class);
        return order == null ? 0 : order;
    }

    /**
     * Runs the script on {@code schema} in a transaction that is rolled back; returns how the result differs from
     * the template (empty: the script reproduces it).
     */
    List<String> tryOn(SchemaName schema, String script, TemplateSchema.Template template) {
        return tx.execute(status -> {
            status.setRollbackOnly();
            lock(schema);
            jdbc.execute(script.replace(SchemaOperations.TARGET, schema.quoted()));
            return template.fingerprint().differences(fingerprint(schema));
        });
    }

    /**
     * Replays the plan on {@code schema} and runs {@code record} in the same transaction, when the schema's
     * fingerprint is the plan's starting point. A schema that already has the template's fingerprint is only
     * recorded (an earlier replay of it committed, or someone upgraded it otherwise).
     */
    public Replay replay(UpgradePlan plan, SchemaName schema, Runnable record) {
        return tx.execute(status -> {
            lock(schema);
            var digest = digest(schema);
            if (digest.equals(plan.afterDigest())) {
                record.run();
                return new Replay(Replay.Kind.ALREADY_CURRENT, List.of());
            }
            if (!digest.equals(plan.beforeDigest())) {
                return new Replay(Replay.Kind.DRIFTED, plan.before().differences(fingerprint(schema)));
            }
            long order = lastOrder(schema);
            if (order != plan.lastOrderBefore()) {
                return new Replay(Replay.Kind.DRIFTED, List.of("changelog rows end at ORDEREXECUTED " + order
                        + ", the plan expects " + plan.lastOrderBefore()));
            }
            jdbc.execute(plan.script().replace(SchemaOperations.TARGET, schema.quoted()));
            var after = digest(schema);
            if (!after.equals(plan.afterDigest())) {
                var differences = plan.template().fingerprint().differences(fingerprint(schema));
                throw new IllegalStateException("after the replay the schema differs from the template in "
                        + differences.size() + " places (rolled back):\n" + String.join("\n", differences));
            }
            record.run();
            return new Replay(Replay.Kind.REPLAYED, List.of());
        });
    }

    private Fingerprint fingerprint(SchemaName schema) {
        return new Fingerprint(jdbc.queryForList("SELECT " + consoleSchema + ".schema_fingerprint(?)", String.class,
                schema.value()));
    }

    private void lock(SchemaName schema) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(" + SchemaLocks.KEY + ")", SchemaLocks.key(schema));
    }

    /** What a replay did; {@code differences} says how a drifted schema differs from the plan's starting point. */
    public record Replay(Kind kind, List<String> differences) {
        public enum Kind { REPLAYED, ALREADY_CURRENT, DRIFTED }
    }
}
