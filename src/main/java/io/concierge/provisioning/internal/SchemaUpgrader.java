package io.concierge.provisioning.internal;

import io.concierge.provisioning.RunKind;
import io.concierge.provisioning.TenantUpgradeResult;
import io.concierge.provisioning.TenantUpgradeResult.Outcome;
import io.concierge.provisioning.TenantUpgradeResult.Way;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import java.time.Duration;

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
        var observation = Observation.createNotStarted("concierge.provisioning", observations)
                .lowCardinalityKeyValue("kind", "upgrade")
                .highCardinalityKeyValue("tenant", tenant.slug().value());
        MDC.put("tenant", tenant.slug().value());
        try {
            return observation.observe(() -> {
                var result = upgradeNow(tenant, plan);
                observation.lowCardinalityKeyValue("outcome",
                        result.outcome() == Outcome.UPGRADED ? "success" : "failure");
                return result;
            });
        } finally {
            MDC.remove("tenant");
        }
    }

    private TenantUpgradeResult upgradeNow(TenantSummary tenant, UpgradePlanner.UpgradePlan plan) {
        long started = System.nanoTime();
        var template = plan.template();
        var schema = tenant.schema();
        var run = runs.start(tenant.id(), tenant.slug(), RunKind.UPGRADE, tenant.changelogVersion());
        var way = Way.LIQUIBASE;
        try {
            if (plan.replayable()) {
                way = Way.REPLAYED;
                var replay = run.step(REPLAYED, () -> {
                    var done = scripts.replay(plan, schema, () -> tenants.recordSchemaUpgrade(tenant.id(),
                            template.version(), plan.changesets()));
                    return new RunRecorder.Outcome<>(done, switch (done.kind()) {
                        case REPLAYED -> plan.changesets() + " changeset" + (plan.changesets() == 1 ? "" : "s")
                                + " of the plan from " + plan.fromVersion() + " replayed; structure equals the"
                                + " template's at " + template.version() + "; version recorded (one transaction)";
                        case ALREADY_CURRENT -> "the schema already had the template's structure at "
                                + template.version() + "; version recorded";
                        case DRIFTED -> "not replayed: the schema differs from a schema at " + plan.fromVersion()
                                + " in " + done.differences().size() + " places; Liquibase upgrades it instead:\n"
                                + String.join("\n", done.differences());
                    });
                });
                if (replay.kind() != UpgradeScripts.Replay.Kind.DRIFTED) {
                    int applied = replay.kind() == UpgradeScripts.Replay.Kind.REPLAYED ? plan.changesets() : 0;
                    run.succeed(template.version(), applied);
                    return result(tenant, Outcome.UPGRADED, template.version(), started, applied, null, Way.REPLAYED);
                }
                way = Way.DRIFTED;
            }
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

    static TenantUpgradeResult result(TenantSummary tenant, Outcome outcome, String toVersion, long startedNanos,
                                      int applied, String error, Way way) {
        return new TenantUpgradeResult(tenant.id(), tenant.slug(), outcome, tenant.changelogVersion(), toVersion,
                Duration.ofNanos(System.nanoTime() - startedNanos), applied, error, way);
    }
}
