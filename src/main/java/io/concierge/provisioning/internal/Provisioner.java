package io.concierge.provisioning.internal;

import io.concierge.provisioning.RunKind;
import io.concierge.provisioning.internal.RunRecorder.Outcome;
import io.concierge.security.Actors;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantEvent.TenantOffboarded;
import io.concierge.tenant.TenantEvent.TenantProvisioningRetried;
import io.concierge.tenant.TenantEvent.TenantRegistered;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import java.util.Set;

/**
 * Builds a tenant's schema after its registration (or retry) commits: copies the template, checks it carries
 * the newest changelog, verifies its structure against the template's fingerprint, then activates the tenant.
 * Any failure drops the schema and marks the tenant FAILED with the reason. Listeners run through the event
 * publication registry, so work cut short by a restart is delivered again; it starts over cleanly because a
 * leftover schema is dropped first and a tenant no longer PROVISIONING is left alone.
 */
@Component
class Provisioner {

    static final String SCHEMA_CREATED = "schema created";
    static final String CHANGELOG_APPLIED = "changelog applied";
    static final String VERIFIED = "verified";
    static final String ACTIVE = "active";

    private static final Logger log = LoggerFactory.getLogger(Provisioner.class);

    private final TenantService tenants;
    private final TemplateSchema templates;
    private final SchemaOperations schemas;
    private final RunRecorder runs;
    private final ObservationRegistry observations;
    private final DatabaseOutage outage;
    /** Set when the application context starts closing: work failing from then on is cut short, not broken. */
    private volatile boolean stopping;

    Provisioner(TenantService tenants, TemplateSchema templates, SchemaOperations schemas, RunRecorder runs,
                ObservationRegistry observations, DatabaseOutage outage) {
        this.outage = outage;
        this.tenants = tenants;
        this.templates = templates;
        this.schemas = schemas;
        this.runs = runs;
        this.observations = observations;
    }

    // No surrounding transaction: every step commits on its own, so the page shows progress while it happens.
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(TenantRegistered event) {
        Actors.runAsSystem(() -> provision(event.tenant(), event.slug()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(TenantProvisioningRetried event) {
        Actors.runAsSystem(() -> provision(event.tenant(), event.slug()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(TenantOffboarded event) {
        var schema = event.slug().schema();
        if (schemas.dropIfExists(schema)) {
            log.info("Dropped schema {} of offboarded tenant {}", schema, event.slug());
        }
    }

    /**
     * Runs a crash left RUNNING for a tenant that is no longer PROVISIONING can never finish. (Those of tenants
     * still PROVISIONING are closed by the run that the redelivered registration starts now.)
     */
    @EventListener(ApplicationReadyEvent.class)
    void closeRunsCutShort() {
        Actors.runAsSystem(() -> {
            var provisioning = tenants.inStatus(Set.of(TenantStatus.PROVISIONING)).stream().map(TenantSummary::id)
                    .toList();
            var closed = runs.closeInterrupted(RunKind.PROVISION, provisioning);
            if (!closed.isEmpty()) {
                log.info("Closed {} provisioning runs left running by a crash as interrupted", closed.size());
            }
        });
    }

    /**
     * One run, observed as {@code concierge.provisioning} (outcome success, failure, abandoned or skipped; cut
     * short by a shutdown it is an error with outcome failure), with
     * the tenant in the logging context so every line it logs (Liquibase's too) can be found by tenant.
     */
    @EventListener(ContextClosedEvent.class)
    void stopping() {
        stopping = true;
    }

    private void provision(TenantId id, TenantSlug slug) {
        var observation = Observation.createNotStarted("concierge.provisioning", observations)
                .lowCardinalityKeyValue("kind", "provision")
                .highCardinalityKeyValue("tenant", slug.value());
        MDC.put("tenant", slug.value());
        try {
            observation.observe(() -> {
                observation.lowCardinalityKeyValue("outcome", "failure");
                observation.lowCardinalityKeyValue("outcome", provisionNow(id, slug));
            });
        } finally {
            MDC.remove("tenant");
        }
    }

    private String provisionNow(TenantId id, TenantSlug slug) {
        var tenant = tenants.find(id).orElse(null);
        if (tenant == null || tenant.status() != TenantStatus.PROVISIONING) {
            log.info("Tenant {} is {}; nothing to provision", slug, tenant == null ? "gone" : tenant.status());
            return "skipped";
        }
        var schema = slug.schema();
        var run = runs.start(id, slug, RunKind.PROVISION, null);
        try {
            var template = run.step(SCHEMA_CREATED, () -> {
                var t = templates.current();
                var leftover = schemas.dropIfExists(schema);
                long started = System.nanoTime();
                schemas.copy(t.schema(), t.lastChangeSet(), t.copyScript(), schema);
                return new Outcome<>(t, (leftover ? "dropped a leftover schema, then " : "")
                        + "copied template " + t.schema() + " into " + schema + " in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            });
            var version = run.step(CHANGELOG_APPLIED, () -> {
                var top = schemas.lastChangeSet(schema)
                        .orElseThrow(() -> new IllegalStateException("the copy has no changelog history"));
                if (!top.equals(template.lastChangeSet())) {
                    throw new IllegalStateException("the copy's newest changeset is " + top + ", expected "
                            + template.lastChangeSet());
                }
                return new Outcome<>(template.version(), "changelog " + template.version() + " (newest changeset "
                        + top + ", carried over from the template)");
            });
            run.step(VERIFIED, () -> {
                var differences = template.fingerprint().differences(schemas.fingerprint(schema));
                if (!differences.isEmpty()) {
                    throw new IllegalStateException("the schema differs from the template in " + differences.size()
                            + " places:\n" + String.join("\n", differences));
                }
                return Outcome.done("structure equals the template's (" + template.fingerprint().lines().size()
                        + " items)");
            });
            run.step(ACTIVE, () -> {
                tenants.activate(id, version);
                return Outcome.done("tenant is active at changelog " + version);
            });
            run.succeed(version, template.fingerprint().changesets());
            return "success";
        } catch (RuntimeException e) {
            if (stopping) {
                // The shutdown pulled the executor or the database from under this run. Not the tenant's fault:
                // rethrowing leaves the event publication incomplete, so the next start delivers it again and
                // that run drops what this one half-made.
                log.info("Provisioning of tenant {} was cut short by the shutdown; it resumes on the next start", slug);
                try {
                    run.fail(RunRecorder.INTERRUPTED);
                } catch (RuntimeException recording) {
                    e.addSuppressed(recording); // the database is gone already; the next run closes this one
                }
                throw e;
            }
            if (DatabaseOutage.isCause(e)) {
                throw retryWhenDatabaseAnswers(id, slug, e);
            }
            try {
                return handleFailure(id, slug, run, e);
            } catch (RuntimeException handling) {
                if (!DatabaseOutage.isCause(handling)) {
                    throw handling;
                }
                handling.addSuppressed(e);
                throw retryWhenDatabaseAnswers(id, slug, handling);
            }
        }
    }

    /**
     * The run, or recording its failure, lost the database: nothing can be recorded now, and it is not the
     * tenant's fault. Rethrown, the event publication stays incomplete (a restart delivers it again); meanwhile
     * the tenant is provisioned again as soon as the database answers, and that run closes this one as interrupted.
     */
    private RuntimeException retryWhenDatabaseAnswers(TenantId id, TenantSlug slug, RuntimeException e) {
        log.warn("Provisioning of tenant {} was cut short by a database outage ({}); it is retried when the database "
                + "answers again", slug, e.getMessage());
        outage.retryWhenBack(id, () -> Actors.runAsSystem(() -> {
            if (tenants.find(id).map(TenantSummary::status).orElse(null) == TenantStatus.PROVISIONING) {
                provision(id, slug);
            } else {
                // it got as far as activating before the database went (or someone decided meanwhile)
                runs.closeInterrupted(id);
            }
        }));
        return e;
    }

    private String handleFailure(TenantId id, TenantSlug slug, RunRecorder.Run run, RuntimeException e) {
        var schema = slug.schema();
        var now = tenants.find(id).map(TenantSummary::status).orElse(null);
        if (now != TenantStatus.PROVISIONING) {
            // Someone else decided meanwhile (an operator, or a redelivered event that finished first):
            // their outcome stands, and the schema may be theirs.
            run.fail("Abandoned: the tenant is " + now + " now (" + e.getMessage() + ")");
            return "abandoned";
        }
        var reason = "Provisioning failed: " + e.getMessage();
        log.warn("Provisioning of tenant {} failed: {}", slug, e.getMessage());
        try {
            if (schemas.dropIfExists(schema)) {
                run.log("dropped the incomplete schema " + schema);
            }
        } finally {
            run.fail(reason);
            tenants.failProvisioning(id, reason);
        }
        return "failure";
    }
}
