package io.concierge.provisioning.internal;

import io.concierge.shared.ConsoleSchema;
import io.concierge.shared.SchemaName;
import io.concierge.provisioning.internal.UpgradePlanner.UpgradePlan;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
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
    private final TenantRoles roles;

    UpgradeScripts(JdbcTemplate jdbc, PlatformTransactionManager transactions, ConsoleSchema consoleSchema,
                   TenantRoles roles) {
        this.roles = roles;
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
        return digests(List.of(schema)).get(schema);
    }

    /** The highest ORDEREXECUTED of the schema's changelog rows (0 when there are none). */
    long lastOrder(SchemaName schema) {
        return lastOrders(List.of(schema)).get(schema);
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
     * fingerprint is the plan's starting point: {@link #replayAll} for one schema. A schema that already has the
     * template's fingerprint is only recorded (an earlier replay of it committed, or someone upgraded it otherwise).
     */
    public Replay replay(UpgradePlan plan, SchemaName schema, Runnable record) {
        return replayAll(plan, List.of(schema), (kind, schemas) -> record.run()).get(schema);
    }

    /**
     * Replays the plan on a batch of schemas in one transaction, with {@code record} run in it for the schemas that
     * end at the template's structure: what {@link #replay} does for one schema, with each check made once for the
     * whole batch (one query for the digests before, one after); {@code record} is given the schemas replayed and
     * those found already at the template's structure, each kind once. A schema not at the plan's starting point is left
     * untouched and reported {@link Replay.Kind#DRIFTED}. Anything that goes wrong for any schema of the batch (a
     * statement fails, a result differs from the template) rolls the whole batch back and is thrown: the caller
     * then upgrades those schemas one by one, where the one at fault fails alone and says why.
     */
    public Map<SchemaName, Replay> replayAll(UpgradePlan plan, List<SchemaName> batch,
                                             BiConsumer<Replay.Kind, List<SchemaName>> record) {
        return tx.execute(status -> {
            var sorted = batch.stream().sorted(Comparator.comparing(SchemaName::value)).toList();
            // in name order, so that two transactions locking overlapping batches could never deadlock
            jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(k)::bigint) FROM unnest(?::text[]) AS k",
                    (Object) sorted.stream().map(SchemaLocks::key).toArray(String[]::new));
            var outcomes = new LinkedHashMap<SchemaName, Replay>();
            var before = digests(sorted);
            var toReplay = new ArrayList<SchemaName>();
            var current = new ArrayList<SchemaName>();
            for (var schema : sorted) {
                var digest = before.get(schema);
                if (digest.equals(plan.afterDigest())) {
                    current.add(schema);
                } else if (!digest.equals(plan.beforeDigest())) {
                    outcomes.put(schema, new Replay(Replay.Kind.DRIFTED, plan.before().differences(fingerprint(schema))));
                } else {
                    toReplay.add(schema);
                }
            }
            var orders = lastOrders(toReplay);
            for (var schema : List.copyOf(toReplay)) {
                long order = orders.get(schema);
                if (order != plan.lastOrderBefore()) {
                    toReplay.remove(schema);
                    outcomes.put(schema, new Replay(Replay.Kind.DRIFTED, List.of("changelog rows end at ORDEREXECUTED "
                            + order + ", the plan expects " + plan.lastOrderBefore())));
                }
            }
            if (!toReplay.isEmpty()) {
                // each schema's script puts that schema in front of the search path: start each from the same one
                var searchPath = jdbc.queryForObject("SELECT current_setting('search_path')", String.class);
                for (var schema : toReplay) {
                    jdbc.queryForList("SELECT set_config('search_path', ?, true)", searchPath);
                    jdbc.execute(plan.script().replace(SchemaOperations.TARGET, schema.quoted()));
                }
                jdbc.queryForList("SELECT set_config('search_path', ?, true)", searchPath);
                digests(toReplay).forEach((schema, after) -> {
                    if (!after.equals(plan.afterDigest())) {
                        var differences = plan.template().fingerprint().differences(fingerprint(schema));
                        throw new IllegalStateException("after the replay schema " + schema.value() + " differs from"
                                + " the template in " + differences.size() + " places (rolled back):\n"
                                + String.join("\n", differences));
                    }
                });
            }
            if (!current.isEmpty()) {
                record.accept(Replay.Kind.ALREADY_CURRENT, current);
            }
            if (!toReplay.isEmpty()) {
                record.accept(Replay.Kind.REPLAYED, toReplay);
            }
            current.forEach(schema -> outcomes.put(schema, new Replay(Replay.Kind.ALREADY_CURRENT, List.of())));
            toReplay.forEach(schema -> outcomes.put(schema, new Replay(Replay.Kind.REPLAYED, List.of())));
            return outcomes;
        });
    }

    /** The {@link #digest} of each schema, from one query. */
    private Map<SchemaName, String> digests(List<SchemaName> batch) {
        var names = batch.stream().map(SchemaName::value).toArray(String[]::new);
        var roleNames = batch.stream().map(schema -> roles.roleOf(schema).value()).toArray(String[]::new);
        var out = new HashMap<SchemaName, String>();
        jdbc.query("SELECT s.name, (SELECT md5(coalesce(string_agg(line, E'\\n' ORDER BY line COLLATE \"C\"), ''))"
                        + " FROM " + consoleSchema + ".schema_fingerprint(s.name, s.role) AS f(line))"
                        + " FROM unnest(?::text[], ?::text[]) AS s(name, role)",
                rs -> {
                    out.put(new SchemaName(rs.getString(1)), rs.getString(2));
                }, names, roleNames);
        return out;
    }

    /** {@link #lastOrder} of each schema, from one query. */
    private Map<SchemaName, Long> lastOrders(List<SchemaName> batch) {
        var out = new HashMap<SchemaName, Long>();
        if (batch.isEmpty()) {
            return out;
        }
        var query = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
            query.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i)
                    .append(", coalesce(max(orderexecuted), 0) FROM ").append(batch.get(i).quoted())
                    .append(".databasechangelog");
        }
        jdbc.query(query.toString(), rs -> {
            out.put(batch.get(rs.getInt(1)), rs.getLong(2));
        });
        return out;
    }

    private Fingerprint fingerprint(SchemaName schema) {
        return new Fingerprint(jdbc.queryForList("SELECT " + consoleSchema + ".schema_fingerprint(?, ?)", String.class,
                schema.value(), roles.roleOf(schema).value()));
    }

    private void lock(SchemaName schema) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(" + SchemaLocks.KEY + ")", SchemaLocks.key(schema));
    }

    /** What a replay did; {@code differences} says how a drifted schema differs from the plan's starting point. */
    public record Replay(Kind kind, List<String> differences) {
        public enum Kind { REPLAYED, ALREADY_CURRENT, DRIFTED }
    }
}
