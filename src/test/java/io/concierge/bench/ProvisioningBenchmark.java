package io.concierge.bench;

import io.concierge.provisioning.FleetUpgrades;
import io.concierge.provisioning.NextRelease;
import io.concierge.provisioning.TenantFixtures;
import io.concierge.provisioning.TenantUpgradeResult.Outcome;
import io.concierge.provisioning.internal.LiquibaseRunner;
import io.concierge.provisioning.internal.SchemaOperations;
import io.concierge.provisioning.internal.TemplateSchema;
import io.concierge.provisioning.internal.TenantChangelog;
import io.concierge.shared.SchemaName;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.configuration.ConfigurationValueProvider;
import liquibase.configuration.LiquibaseConfiguration;
import liquibase.configuration.core.EnvironmentValueProvider;
import liquibase.configuration.core.SystemPropertyValueProvider;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Not a test: the measurements behind docs/benchmarks/provisioning.md. Run with {@code mvn -Pbenchmark verify}
 * against a database of its own (see that file). Prints one table; leaves no schema behind.
 * {@code -Dbench.samples=100 -Dbench.tenants=1000} set the sizes.
 */
@Tag("benchmark")
@NextRelease
class ProvisioningBenchmark extends IntegrationTest {

    private static final int SAMPLES = Integer.getInteger("bench.samples", 100);
    private static final int TENANTS = Integer.getInteger("bench.tenants", 1000);
    private static final int WARM_UP = 5;

    @Autowired
    TemplateSchema templates;
    @Autowired
    SchemaOperations schemas;
    @Autowired
    LiquibaseRunner liquibase;
    @Autowired
    FleetUpgrades fleet;
    @Autowired
    TenantChangelog changelog;
    @Value("${concierge.provisioning.upgrade-workers}")
    int upgradeWorkers;
    @Autowired
    TenantService tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void measure() throws Exception {
        signIn(OPERATOR);
        var template = templates.current();
        var rawDdl = rawDdlOf(template.schema());

        var ways = new LinkedHashMap<String, Consumer<SchemaName>>();
        ways.put("bench_copy", schema -> {
            schemas.copy(template.schema(), template.lastChangeSet(), template.copyScript(), schema);
            assertThat(template.fingerprint().differences(schemas.fingerprint(schema))).isEmpty();
        });
        ways.put("bench_copyonly", schema ->
                schemas.copy(template.schema(), template.lastChangeSet(), template.copyScript(), schema));
        ways.put("bench_plain", schema -> {
            schemas.create(schema);
            plainLiquibaseUpdate(schema);
        });
        ways.put("bench_lb", schema -> {
            schemas.create(schema);
            liquibase.update(schema);
        });
        ways.put("bench_raw", schema -> runScript(rawDdl.replace(template.schema().value(), schema.value())));
        var timings = time(ways);
        var console = timings.get("bench_copy");
        var copyOnly = timings.get("bench_copyonly");
        var plain = timings.get("bench_plain");
        var replay = timings.get("bench_lb");
        var raw = timings.get("bench_raw");

        var fixtures = new TenantFixtures(tenants, jdbc);
        long setUp = System.nanoTime();
        var fleetTenants = fixtures.at110("bench", TENANTS);
        var setUpTime = Duration.ofNanos(System.nanoTime() - setUp);
        var upgrade = fleet.upgradeAll().get(30, TimeUnit.MINUTES);
        long idleStart = System.nanoTime();
        var idle = fleet.upgradeAll().get(5, TimeUnit.MINUTES);
        var idleTime = Duration.ofNanos(System.nanoTime() - idleStart);
        var ours = upgrade.results().stream().filter(r -> r.slug().value().startsWith("bench_")).toList();

        var out = new StringBuilder();
        out.append("\n=== Tenant schema provisioning (").append(SAMPLES).append(" schemas each, changelog ")
                .append(template.version()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores) ===\n");
        out.append(String.format("%-52s %10s %10s%n", "way", "median ms", "p95 ms"));
        row(out, "console: template copy + structural verification", console);
        row(out, "  (template copy alone)", copyOnly);
        row(out, "plain Liquibase update into a fresh schema", plain);
        row(out, "  (the console's tuned Liquibase runner, same)", replay);
        row(out, "raw DDL (pg_dump of the template), one transaction", raw);
        out.append(String.format("plain Liquibase / console median: %.1fx (target >= 3x)%n", median(plain) / median(console)));
        out.append(String.format("tuned runner / console median:    %.1fx%n", median(replay) / median(console)));
        out.append(String.format("console / raw DDL median:         %.1fx (target <= 2.5x)%n", median(console) / median(raw)));
        out.append("\n=== Fleet upgrade (").append(ours.size()).append(" tenant schemas, one new changeset, ")
                .append(upgradeWorkers).append(" workers) ===\n");
        out.append(String.format("upgrade to %s:     %6.1f s (target < 15 s); upgraded %d, failed %d; other tenants in run: %d%n",
                upgrade.targetVersion(), upgrade.elapsed().toMillis() / 1000.0,
                ours.stream().filter(r -> r.outcome() == Outcome.UPGRADED).count(),
                ours.stream().filter(r -> r.outcome() == Outcome.FAILED).count(),
                upgrade.results().size() - ours.size()));
        out.append(String.format("nothing to apply:     %6.2f s (target < 2 s); tenants touched: %d%n",
                idleTime.toMillis() / 1000.0, idle.results().size()));
        out.append(String.format("(setting up %d tenants at 1.1.0 through registration took %.0f s)%n",
                fleetTenants.size(), setUpTime.toMillis() / 1000.0));
        System.out.println(out);

        offboard(fleetTenants);
    }

    /**
     * Times every way once per round, in turn, so that all of them meet the same database: each sample creates and
     * drops a schema, which leaves dead rows in the catalogs, and measuring one way after the other would hand the
     * last one a catalog several hundred schemas fuller. This machine's PostgreSQL runs without autovacuum, so the
     * catalogs are vacuumed every ten rounds, untimed, as autovacuum would in production.
     */
    private Map<String, List<Double>> time(Map<String, Consumer<SchemaName>> ways) {
        var millis = new LinkedHashMap<String, List<Double>>();
        ways.keySet().forEach(way -> millis.put(way, new ArrayList<>()));
        for (int i = 0; i < WARM_UP + SAMPLES; i++) {
            if (i % 10 == 0) {
                jdbc.execute("VACUUM pg_catalog.pg_class, pg_catalog.pg_attribute, pg_catalog.pg_attrdef, "
                        + "pg_catalog.pg_depend, pg_catalog.pg_type, pg_catalog.pg_constraint, pg_catalog.pg_index, "
                        + "pg_catalog.pg_trigger, pg_catalog.pg_sequence, pg_catalog.pg_namespace");
            }
            for (var way : ways.entrySet()) {
                var schema = new SchemaName(way.getKey() + "_" + i);
                schemas.dropIfExists(schema);
                long start = System.nanoTime();
                way.getValue().accept(schema);
                double ms = (System.nanoTime() - start) / 1e6;
                if (i >= WARM_UP) {
                    millis.get(way.getKey()).add(ms);
                }
                schemas.dropIfExists(schema);
            }
        }
        return millis;
    }

    /**
     * Liquibase as a team without the console would run it per tenant: the {@code update} command with the changelog
     * file (parsed on every run) into the schema, tracking tables there, the standard lock service and Liquibase's
     * own settings providers. Its JVM-wide
     * lock and history caches are emptied after each run (they would otherwise hand one schema's state to the next
     * run on the same pooled connection); that is not timed.
     */
    private void plainLiquibaseUpdate(SchemaName schema) {
        // Liquibase as shipped: the runner's replacements of its settings providers are swapped out for this run
        var configuration = Scope.getCurrentScope().getSingleton(LiquibaseConfiguration.class);
        var consoles = configuration.getProviders().stream()
                .filter(p -> p.getClass().getEnclosingClass() == LiquibaseRunner.class).toList();
        var stock = List.<ConfigurationValueProvider>of(new SystemPropertyValueProvider(), new EnvironmentValueProvider());
        consoles.forEach(configuration::unregisterProvider);
        stock.forEach(configuration::registerProvider);
        try (var connection = dataSource.getConnection()) {
            var database = new PostgresDatabase();
            database.setConnection(new JdbcConnection(connection));
            database.setDefaultSchemaName(schema.value());
            database.setLiquibaseSchemaName(schema.value());
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(),
                            "liquibase.analytics.enabled", false,
                            Scope.Attr.ui.name(), new LoggerUIService()),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.location())
                            .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                            .execute());
            connection.setAutoCommit(true);
            try (var st = connection.createStatement()) {
                st.execute("RESET search_path");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            stock.forEach(configuration::unregisterProvider);
            consoles.forEach(configuration::registerProvider);
            LockServiceFactory.getInstance().resetAll();
            Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).resetAll();
        }
    }

    private void runScript(String script) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var st = connection.createStatement()) {
                st.execute(script);
                connection.commit();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** pg_dump of the template with rows, minus its session settings and psql meta-commands (\\restrict). */
    private String rawDdlOf(SchemaName template) throws IOException, InterruptedException {
        var url = jdbc.queryForObject("SELECT current_database()", String.class);
        var process = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--no-owner",
                "--no-privileges", "--inserts", "-n", template.value(), url).redirectErrorStream(true).start();
        var dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(dump).isZero();
        return Arrays.stream(dump.split("\n"))
                .filter(l -> !l.startsWith("SET ") && !l.startsWith("SELECT pg_catalog.set_config") && !l.startsWith("\\"))
                .collect(Collectors.joining("\n"));
    }

    private void offboard(List<TenantSummary> fleetTenants) {
        fleetTenants.forEach(t -> tenants.offboard(t.id(), t.slug().value()));
        // only the fleet's own schemas: other tenants of the benchmark database may share the prefix
        var schemas = fleetTenants.stream().map(t -> t.schema().value()).toArray(String[]::new);
        await().atMost(Duration.ofMinutes(10)).pollInSameThread().pollInterval(Duration.ofSeconds(1))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = ANY (?)",
                        Integer.class, (Object) schemas) == 0);
    }

    private static void row(StringBuilder out, String name, List<Double> millis) {
        out.append(String.format("%-52s %10.1f %10.1f%n", name, median(millis), p95(millis)));
    }

    private static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private static double p95(List<Double> values) {
        return percentile(values, 95);
    }

    private static double percentile(List<Double> values, int p) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
