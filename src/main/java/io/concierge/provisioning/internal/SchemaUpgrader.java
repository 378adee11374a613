package io.concierge.provisioning.internal;

import io.concierge.provisioning.RunKind;
import io.concierge.provisioning.TenantUpgradeResult;
import io.concierge.provisioning.TenantUpgradeResult.Outcome;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Upgrades one tenant's schema: Liquibase applies what is missing, then the structure is verified against the
 * template (Liquibase has been seen to skip schemas silently), then the tenant's version is recorded. A failure
 * is that tenant's result only; PostgreSQL rolls back the failed changeset and the tenant keeps its version.
 */
@Component
public class SchemaUpgrader {

    static final String CHANGELOG_APPLIED = "changelog applied";
    static final String VERIFIED = "verified";
    static final String RECORDED = "version recorded";

    private final LiquibaseRunner liquibase;
    private final SchemaOperations schemas;
    private final TenantService tenants;
    private final RunRecorder runs;
    private final ObservationRegistry observations;

    SchemaUpgrader(LiquibaseRunner liquibase, SchemaOperations schemas, TenantService tenants, RunRecorder runs,
                   ObservationRegistry observations) {
        this.liquibase = liquibase;
        this.schemas = schemas;
        this.tenants = tenants;
        this.runs = runs;
        this.observations = observations;
    }

    /**
     * Upgrades the tenant to the template's version; the caller acts as an operator (or the system). Observed as
     * {@code concierge.provisioning} with kind upgrade, the tenant in the logging context.
     */
    public TenantUpgradeResult upgrade(TenantSummary tenant, TemplateSchema.Template template) {
        var observation = Observation.createNotStarted("concierge.provisioning", observations)
                .lowCardinalityKeyValue("kind", "upgrade")
                .highCardinalityKeyValue("tenant", tenant.slug().value());
        MDC.put("tenant", tenant.slug().value());
        try {
            return observation.observe(() -> {
                var result = upgradeNow(tenant, template);
                observation.lowCardinalityKeyValue("outcome",
                        result.outcome() == Outcome.UPGRADED ? "success" : "failure");
                return result;
            });
        } finally {
            MDC.remove("tenant");
        }
    }

    private TenantUpgradeResult upgradeNow(TenantSummary tenant, TemplateSchema.Template template) {
        long started = System.nanoTime();
        var schema = tenant.schema();
        var run = runs.start(tenant.id(), tenant.slug(), RunKind.UPGRADE, tenant.changelogVersion());
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
            return result(tenant, Outcome.UPGRADED, version, started, applied, null);
        } catch (RuntimeException e) {
            run.fail(e.getMessage());
            return result(tenant, Outcome.FAILED, tenant.changelogVersion(), started, 0, e.getMessage());
        }
    }

    static TenantUpgradeResult result(TenantSummary tenant, Outcome outcome, String toVersion, long startedNanos,
                                      int applied, String error) {
        return new TenantUpgradeResult(tenant.id(), tenant.slug(), outcome, tenant.changelogVersion(), toVersion,
                Duration.ofNanos(System.nanoTime() - startedNanos), applied, error);
    }
}
