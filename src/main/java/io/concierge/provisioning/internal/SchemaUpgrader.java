package io.concierge.provisioning.internal;

import io.concierge.provisioning.RunKind;
import io.concierge.provisioning.RunStatus;
import io.concierge.provisioning.TenantUpgradeResult;
import io.concierge.provisioning.TenantUpgradeResult.Outcome;
import io.concierge.provisioning.TenantUpgradeResult.Way;
import io.concierge.shared.SchemaName;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import io.concierge.provisioning.RunStatus;
import io.concierge.shared.SchemaName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Upgrades one tenant's schema. With a replayable {@linkplain UpgradePlanner plan} for the tenant's version, the
 * planned script runs in one transaction that checks the schema before and after and records the version
 * ({@link UpgradeScripts#replay}). Otherwise, or when the schema is not what the plan starts from (drift, a
 * hand-made change), Liquibase applies what is missing, then the structure is verified against the template
 * (Liquibase has been seen to skip schemas silently), then the tenant's version is recorded. A failure is that
 * tenant's result only; PostgreSQL rolls back the failed changeset or replay and the tenant keeps its version.
 */
@Component
public class SchemaUpgrader {

    static final String REPLAYED = "changelog replayed";
    static final String CHANGELOG_APPLIED = "changelog applied";
    static final String VERIFIED = "verified";
    static final String RECORDED = "version recorded";

    private final LiquibaseRunner liquibase;
    private final SchemaOperations schemas;
    private final UpgradeScripts scripts;
    private final TenantService tenants;
    private final RunRecorder runs;
    private final ObservationRegistry observations;

    SchemaUpgrader(LiquibaseRunner liquibase, SchemaOperations schemas, UpgradeScripts scripts, TenantService tenants,
                   RunRecorder runs, ObservationRegistry observations) {
        this.liquibase = liquibase;
        this.schemas = schemas;
        this.scripts = scripts;
        this.tenants = tenants;
        this.runs = runs;
        this.observations = observations;
    }

    /**
     * Upgrades the tenant to the plan's template version; the caller acts as an operator (or the system). Observed
     * as {@code concierge.provisioning} with kind upgrade, the tenant in the logging context.
     */
    public TenantUpgradeResult upgrade(TenantSummary tenant, UpgradePlanner.UpgradePlan plan) {
        return observed(tenant, () -> upgradeNow(tenant, plan, System.nanoTime(),
                runs.start(tenant.id(), tenant.slug(), RunKind.UPGRADE, tenant.changelogVersion())));
    }

    /**
     * Upgrades tenants at the plan's version together, with the caller's rights: their runs start in one write, the
     * plan is replayed on all of their schemas in one transaction that records their versions too
     * ({@link UpgradeScripts#replayAll}), and their runs end in one write. Each schema is still checked before and
     * after on its own. A drifted schema goes on through Liquibase alone. When the batch is rolled back (a statement
     * or a check failed for one of them), each tenant goes on alone as {@link #upgrade} would, in the same run, so
     * that the one at fault fails by itself and says why. Without a replayable plan, each is upgraded alone.
     */
    public List<TenantUpgradeResult> upgradeAll(List<TenantSummary> batch, UpgradePlanner.UpgradePlan plan) {
        if (!plan.replayable() || batch.size() < 2) {
            return batch.stream().map(t -> upgrade(t, plan)).toList();
        }
        long started = System.nanoTime();
        var template = plan.template();
        var startedRuns = runs.startAll(RunKind.UPGRADE, batch.stream()
                .map(t -> new RunRecorder.Start(t.id(), t.slug(), t.changelogVersion())).toList(), REPLAYED);
        var bySchema = new HashMap<SchemaName, TenantSummary>();
        batch.forEach(t -> bySchema.put(t.schema(), t));
        Map<SchemaName, UpgradeScripts.Replay> outcomes;
        try {
            outcomes = scripts.replayAll(plan, batch.stream().map(TenantSummary::schema).toList(),
                    (kind, schemas) -> tenants.recordSchemaUpgrades(schemas.stream().map(s -> bySchema.get(s).id())
                            .toList(), template.version(), kind == UpgradeScripts.Replay.Kind.REPLAYED
                            ? plan.changesets() : 0));
        } catch (RuntimeException e) {
            var detail = "rolled back with the other " + (batch.size() - 1) + " schemas of its batch: "
                    + e.getMessage() + "; upgraded alone next";
            runs.endFirstSteps(startedRuns.stream()
                    .map(run -> new RunRecorder.StepEnd(run, RunStatus.FAILED, detail, null, 0, e)).toList());
            var results = new ArrayList<TenantUpgradeResult>();
            for (int i = 0; i < batch.size(); i++) {
                var tenant = batch.get(i);
                var run = startedRuns.get(i);
                results.add(observed(tenant, () -> upgradeNow(tenant, plan, started, run)));
            }
            return results;
        }
        var ends = new ArrayList<RunRecorder.StepEnd>();
        var drifted = new ArrayList<Integer>();
        var results = new TenantUpgradeResult[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            var tenant = batch.get(i);
            var replay = outcomes.get(tenant.schema());
            var run = startedRuns.get(i);
            switch (replay.kind()) {
                case REPLAYED -> {
                    ends.add(new RunRecorder.StepEnd(run, RunStatus.SUCCEEDED, replayed(plan) + " (in one transaction"
                            + " with " + (batch.size() - 1) + " other schemas, each checked on its own)",
                            template.version(), plan.changesets(), null));
                    results[i] = result(tenant, Outcome.UPGRADED, template.version(), started, plan.changesets(),
                            null, Way.REPLAYED);
                }
                case ALREADY_CURRENT -> {
                    ends.add(new RunRecorder.StepEnd(run, RunStatus.SUCCEEDED, alreadyCurrent(plan),
                            template.version(), 0, null));
                    results[i] = result(tenant, Outcome.UPGRADED, template.version(), started, 0, null, Way.REPLAYED);
                }
                case DRIFTED -> {
                    ends.add(new RunRecorder.StepEnd(run, RunStatus.SUCCEEDED, drifted(plan, replay), null, 0, null));
                    drifted.add(i);
                }
            }
        }
        runs.endFirstSteps(ends);
        for (int i : drifted) {
            var tenant = batch.get(i);
            var run = startedRuns.get(i);
            results[i] = observed(tenant, () -> throughLiquibase(tenant, template, started, run, Way.DRIFTED));
        }
        return List.of(results);
    }

    private TenantUpgradeResult observed(TenantSummary tenant, Supplier<TenantUpgradeResult> upgrade) {
        var observation = Observation.createNotStarted("concierge.provisioning", observations)
                .lowCardinalityKeyValue("kind", "upgrade")
                .highCardinalityKeyValue("tenant", tenant.slug().value());
        MDC.put("tenant", tenant.slug().value());
        try {
            return observation.observe(() -> {
                var result = upgrade.get();
                observation.lowCardinalityKeyValue("outcome",
                        result.outcome() == Outcome.UPGRADED ? "success" : "failure");
                return result;
            });
        } finally {
            MDC.remove("tenant");
        }
    }

    private TenantUpgradeResult upgradeNow(TenantSummary tenant, UpgradePlanner.UpgradePlan plan, long started,
                                           RunRecorder.Run run) {
        var template = plan.template();
        var schema = tenant.schema();
        if (!plan.replayable()) {
            return throughLiquibase(tenant, template, started, run, Way.LIQUIBASE);
        }
        try {
            var replay = run.step(REPLAYED, () -> {
                var done = scripts.replay(plan, schema, () -> tenants.recordSchemaUpgrade(tenant.id(),
                        template.version(), plan.changesets()));
                return new RunRecorder.Outcome<>(done, switch (done.kind()) {
                    case REPLAYED -> replayed(plan) + " (one transaction)";
                    case ALREADY_CURRENT -> alreadyCurrent(plan);
                    case DRIFTED -> drifted(plan, done);
                });
            });
            if (replay.kind() == UpgradeScripts.Replay.Kind.DRIFTED) {
                return throughLiquibase(tenant, template, started, run, Way.DRIFTED);
            }
            int applied = replay.kind() == UpgradeScripts.Replay.Kind.REPLAYED ? plan.changesets() : 0;
            run.succeed(template.version(), applied);
            return result(tenant, Outcome.UPGRADED, template.version(), started, applied, null, Way.REPLAYED);
        } catch (RuntimeException e) {
            run.fail(e.getMessage());
            return result(tenant, Outcome.FAILED, tenant.changelogVersion(), started, 0, e.getMessage(), Way.REPLAYED);
        }
    }

    /**
     * Liquibase applies what the schema lacks, then the structure is verified against the template (Liquibase has
     * been seen to skip schemas silently), then the tenant's version is recorded.
     */
    private TenantUpgradeResult throughLiquibase(TenantSummary tenant, TemplateSchema.Template template, long started,
                                                 RunRecorder.Run run, Way way) {
        var schema = tenant.schema();
        try {
            int applied = run.step(CHANGELOG_APPLIED, () -> {
                int n = liquibase.updateFlushedByCaller(schema);
                return new RunRecorder.Outcome<>(n, n + " changeset" + (n == 1 ? "" : "s") + " applied");
            });
            var version = run.step(VERIFIED, () -> {
                var differences = template.fingerprint().differences(schemas.fingerprint(schema));
                if (!differences.isEmpty()) {
                    throw new IllegalStateException("after the upgrade the schema differs from the template in "
                            + differences.size() + " places:\n" + String.join("\n", differences));
                }
                return new RunRecorder.Outcome<>(template.version(), "structure equals the template's at "
                        + template.version());
            });
            run.step(RECORDED, () -> {
                tenants.recordSchemaUpgrade(tenant.id(), version, applied);
                return RunRecorder.Outcome.done("changelog " + tenant.changelogVersion() + " → " + version);
            });
            run.succeed(version, applied);
            return result(tenant, Outcome.UPGRADED, version, started, applied, null, way);
        } catch (RuntimeException e) {
            run.fail(e.getMessage());
            return result(tenant, Outcome.FAILED, tenant.changelogVersion(), started, 0, e.getMessage(), way);
        }
    }

    private static String replayed(UpgradePlanner.UpgradePlan plan) {
        return plan.changesets() + " changeset" + (plan.changesets() == 1 ? "" : "s") + " of the plan from "
                + plan.fromVersion() + " replayed; structure equals the template's at " + plan.template().version()
                + "; version recorded";
    }

    private static String alreadyCurrent(UpgradePlanner.UpgradePlan plan) {
        return "the schema already had the template's structure at " + plan.template().version()
                + "; version recorded";
    }

    private static String drifted(UpgradePlanner.UpgradePlan plan, UpgradeScripts.Replay replay) {
        return "not replayed: the schema differs from a schema at " + plan.fromVersion() + " in "
                + replay.differences().size() + " places; Liquibase upgrades it instead:\n"
                + String.join("\n", replay.differences());
    }

    static TenantUpgradeResult result(TenantSummary tenant, Outcome outcome, String toVersion, long startedNanos,
                                      int applied, String error, Way way) {
        return new TenantUpgradeResult(tenant.id(), tenant.slug(), outcome, tenant.changelogVersion(), toVersion,
                Duration.ofNanos(System.nanoTime() - startedNanos), applied, error, way);
    }
}
