package io.concierge.provisioning.internal;

import io.concierge.shared.SchemaName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import liquibase.Scope;
import liquibase.ThreadLocalScopeManager;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.FastCheckService;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.UpdateSqlCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.configuration.LiquibaseConfiguration;
import liquibase.configuration.core.EnvironmentValueProvider;
import liquibase.configuration.core.SystemPropertyValueProvider;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.MigrationFailedException;
import liquibase.lockservice.LockServiceFactory;
import liquibase.ui.LoggerUIService;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs the tenant changelog against one schema, with the precautions Liquibase needs in a multi-tenant JVM
 * (docs/decisions/2026-11-26-provisioning-by-template-copy.md, STACK.md "Liquibase pitfalls"):
 * <ul>
 *     <li>tracking tables live in the tenant's schema;</li>
 *     <li>one worker per schema, guaranteed by a PostgreSQL advisory lock, so a lock row still set when we hold
 *     it is stale and is cleared;</li>
 *     <li>scopes are per thread, and Liquibase's JVM-wide caches cannot serve one schema's state to another;</li>
 *     <li>one run at a time in this JVM: Liquibase 4.31 keeps the state of a run in JVM-wide objects that every run
 *     shares (see {@link #ONE_AT_A_TIME});</li>
 *     <li>the pooled connection is handed back with autocommit on and the default search_path, never closed by
 *     Liquibase.</li>
 * </ul>
 */
@Component
public class LiquibaseRunner {

    private static final LiquibaseSystemProperties SYSTEM_PROPERTIES = new LiquibaseSystemProperties();

    static {
        useThreadLocalScopes();
        SYSTEM_PROPERTIES.refresh();
        var configuration = Scope.getCurrentScope().getSingleton(LiquibaseConfiguration.class);
        configuration.getProviders().stream()
                .filter(p -> p.getClass() == SystemPropertyValueProvider.class || p.getClass() == EnvironmentValueProvider.class)
                .toList()
                .forEach(configuration::unregisterProvider);
        configuration.registerProvider(SYSTEM_PROPERTIES);
        configuration.registerProvider(new LiquibaseEnvironment());
    }

    /**
     * Liquibase deprecated this class when its default scope manager started keeping the current scope per thread
     * (liquibase#5780), but on these machines 4.31's default still failed 423 of 500 schemas with "Cannot end scope"
     * from two threads (STACK.md); the explicit one did not.
     */
    @SuppressWarnings("deprecation")
    private static void useThreadLocalScopes() {
        Scope.setScopeManager(new ThreadLocalScopeManager());
    }

    private static final Map<String, Object> SCOPE = Map.of(
            "liquibase.analytics.enabled", false,
            "liquibase.command.showSummaryOutput", "log");

    private final ObservationRegistry observations;
    private final DataSource dataSource;
    private final TenantChangelog changelog;
    /**
     * Liquibase 4.31 is not safe for concurrent runs in one JVM, whatever the scope manager: its command steps are
     * JVM-wide singletons, and {@code AbstractUpdateCommandStep} keeps whether it holds the lock in a field of that one
     * instance ({@code isDBLocked}); its {@code cleanUp} resets every lock service, history service and executor of
     * the JVM, under runs still in flight; and {@code FastCheckService.isUpToDateFastCheck} puts a schema's entry
     * into a JVM-wide map, then unboxes {@code map.get(key)}, which is null when another run cleared the map in
     * between (Liquibase's own history service does, and so did this class before each run): the
     * "Cannot invoke java.lang.Boolean.booleanValue() because the return value of java.util.Map.get(Object) is null"
     * that failed one schema in a 1,000-schema upgrade. So runs take turns (fairly, in arrival order), JVM-wide as
     * that state is (two application contexts in one JVM share it). Fleet upgrades replay planned scripts and run
     * Liquibase only for schemas that cannot take the plan, so the turns cost little; workers still verify and
     * record in parallel.
     */
    private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock(true);
    // Parsing and validating the XML costs more than applying one changeset. The parsed changelog is reused per
    // thread only: Liquibase keeps run state on it, so two workers never share one.
    private final ThreadLocal<DatabaseChangeLog> parsed;

    LiquibaseRunner(DataSource dataSource, TenantChangelog changelog, ObservationRegistry observations) {
        this.observations = observations;
        this.dataSource = dataSource;
        this.changelog = changelog;
        this.parsed = ThreadLocal.withInitial(changelog::parse);
    }

    /**
     * Applies every changeset the schema has not applied yet; returns how many that were. Observed as
     * {@code concierge.liquibase.update} (outcome success or failure; the schema on the span).
     */
    public int update(SchemaName schema) {
        return observed(schema, false);
    }

    /**
     * Like {@link #update}, but Liquibase's commits (lock, each changeset, each history row, unlock: four or more per
     * schema) do not wait for the write-ahead log to reach the disk. PostgreSQL writes its log in order, so the
     * caller's next synchronous commit makes all of them durable; until then a crash of the database server can
     * only lose a suffix of them, which the next upgrade re-applies (the schema's version is recorded by that
     * synchronous commit). On these machines a flush costs about as much as the changeset itself.
     */
    public int updateFlushedByCaller(SchemaName schema) {
        return observed(schema, true);
    }

    private int observed(SchemaName schema, boolean deferFlush) {
        var observation = Observation.createNotStarted("concierge.liquibase.update", observations)
                .highCardinalityKeyValue("schema", schema.value());
        return observation.observe(() -> {
            observation.lowCardinalityKeyValue("outcome", "failure");
            int applied = updateNow(schema, deferFlush);
            observation.lowCardinalityKeyValue("outcome", "success");
            return applied;
        });
    }

    private int updateNow(SchemaName schema, boolean deferFlush) {
        return run(schema, deferFlush, UpdateCommandStep.COMMAND_NAME, command -> command
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.location())
                .addArgumentValue(UpdateCommandStep.CHANGELOG_ARG, parsed.get()));
    }

    /**
     * Applies the changelog's first {@code count} changesets to the schema (one that has none applied builds the
     * schema at an older release); returns how many it applied.
     */
    public int updateCount(SchemaName schema, int count) {
        return run(schema, false, UpdateCountCommandStep.COMMAND_NAME, command -> command
                .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, changelog.location())
                .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count));
    }

    /**
     * The SQL Liquibase would run to bring the schema to the changelog's newest release, changelog rows and its lock
     * rows included, names qualified with the schema's; nothing is applied.
     */
    public String updateSql(SchemaName schema) {
        var sql = new ByteArrayOutputStream();
        run(schema, false, UpdateSqlCommandStep.COMMAND_NAME, command -> command
                .addArgumentValue(UpdateSqlCommandStep.CHANGELOG_FILE_ARG, changelog.location())
                .addArgumentValue(UpdateSqlCommandStep.OUTPUT_DEFAULT_SCHEMA_ARG, true)
                .setOutput(sql));
        return sql.toString(StandardCharsets.UTF_8);
    }

    private int run(SchemaName schema, boolean deferFlush, String[] command, Consumer<CommandScope> arguments) {
        SYSTEM_PROPERTIES.refresh();
        ONE_AT_A_TIME.lock();
        try (var connection = dataSource.getConnection()) {
            SchemaLocks.lock(connection, SchemaLocks.key(schema));
            try {
                if (deferFlush) {
                    try (var st = connection.createStatement()) {
                        st.execute("SET synchronous_commit TO OFF");
                    }
                }
                clearStaleLock(connection, schema);
                int before = appliedCount(connection, schema);
                runCommand(connection, schema, command, arguments);
                return appliedCount(connection, schema) - before;
            } finally {
                restore(connection);
                SchemaLocks.unlock(connection, SchemaLocks.key(schema));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Database error while updating schema " + schema + ": " + e.getMessage(), e);
        } finally {
            try {
                forgetJvmWideState();
            } finally {
                ONE_AT_A_TIME.unlock();
            }
        }
    }

    private void runCommand(Connection connection, SchemaName schema, String[] name, Consumer<CommandScope> arguments) {
        var database = new SchemaDatabase();
        database.setConnection(new JdbcConnection(connection));
        database.setDefaultSchemaName(schema.value());
        database.setLiquibaseSchemaName(schema.value());
        try {
            // A cached "up to date" for a schema name outlives a drop and re-create of that schema.
            Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
            Scope.child(scopeValues(), () -> {
                var command = new CommandScope(name)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        // the run records what was applied; Liquibase's summary walks the whole changelog again
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG);
                arguments.accept(command);
                command.execute();
            });
        } catch (Exception e) {
            throw new ChangelogFailed(rootMessage(e), e);
        }
    }

    private Map<String, Object> scopeValues() {
        var values = new HashMap<>(SCOPE);
        values.put(Scope.Attr.resourceAccessor.name(), changelog.resources());
        // Liquibase's default UI writes "Running Changeset: ..." to stdout; the log is where operators look.
        values.put(Scope.Attr.ui.name(), new LoggerUIService());
        return values;
    }

    private static void clearStaleLock(Connection connection, SchemaName schema) throws SQLException {
        if (tableExists(connection, schema, "databasechangeloglock")) {
            try (var st = connection.createStatement()) {
                st.executeUpdate("UPDATE " + schema.quoted() + ".databasechangeloglock"
                        + " SET locked = false, lockgranted = NULL, lockedby = NULL WHERE locked");
            }
        }
    }

    private static int appliedCount(Connection connection, SchemaName schema) throws SQLException {
        if (!tableExists(connection, schema, "databasechangelog")) {
            return 0;
        }
        try (var st = connection.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM " + schema.quoted() + ".databasechangelog")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean tableExists(Connection connection, SchemaName schema, String table) throws SQLException {
        try (var st = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            st.setString(1, schema.quoted() + "." + table);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Liquibase leaves the session with its search_path and, after a failure, an open transaction; the pooled
     * connection goes back with the defaults.
     */
    private static void restore(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        try (var st = connection.createStatement()) {
            st.execute("RESET search_path; RESET synchronous_commit");
        }
    }

    /**
     * Liquibase keeps a lock service and a history service per Database object for the life of the JVM. Our
     * Database objects are one per run (see {@link SchemaDatabase}), so those maps only grow; they are emptied after
     * every run, in its turn.
     */
    private static void forgetJvmWideState() {
        LockServiceFactory.getInstance().resetAll();
        Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).resetAll();
    }

    /** Liquibase's own account of the failed changeset when there is one (it names the changeset), else the cause. */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (true) {
            if (cause instanceof MigrationFailedException) {
                return cause.getMessage();
            }
            if (cause.getCause() == null || cause.getCause() == cause) {
                return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            }
            cause = cause.getCause();
        }
    }

    /**
     * PostgresDatabase equals any other on the same connection, so Liquibase's per-database caches (lock service,
     * applied-changeset history) hand one schema's state to the next run on that pooled connection: schemas get
     * skipped. Identity equality gives every run its own.
     */
    static final class SchemaDatabase extends PostgresDatabase {

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /**
     * Liquibase's own provider of settings from System properties clones all of them (a synchronized Hashtable) for
     * every one of the hundred-odd settings it looks up per run: a quarter of its CPU time per schema in a fleet
     * upgrade, and a lock the workers queue on. This one serves the same settings (Liquibase's own, whose names all
     * start with "liquibase") from a copy read once per run, so a -Dliquibase.* setting still applies.
     */
    static final class LiquibaseSystemProperties extends SystemPropertyValueProvider {

        private volatile Map<String, String> settings = Map.of();
        private volatile int hash = settings.hashCode();

        void refresh() {
            var current = new HashMap<String, String>();
            System.getProperties().forEach((key, value) -> {
                if (key instanceof String name && value instanceof String text
                        && name.regionMatches(true, 0, "liquibase", 0, "liquibase".length())) {
                    current.put(name, text);
                }
            });
            if (!current.equals(settings)) {
                settings = Map.copyOf(current);
                hash = settings.hashCode();
            }
        }

        @Override
        protected Map<?, ?> getMap() {
            return settings;
        }

        @Override
        protected int getMapHash() {
            return hash;
        }
    }

    /**
     * Liquibase's provider of settings from environment variables hashes the whole environment on every lookup to
     * notice changes; a process's environment never changes, so its hash is taken once.
     */
    static final class LiquibaseEnvironment extends EnvironmentValueProvider {

        private final int hash = super.getMapHash();

        @Override
        protected int getMapHash() {
            return hash;
        }
    }

    /** The changelog could not be applied; the message is Liquibase's, for the operator. */
    public static class ChangelogFailed extends RuntimeException {
        ChangelogFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
