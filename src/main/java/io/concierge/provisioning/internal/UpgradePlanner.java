package io.concierge.provisioning.internal;

import io.concierge.shared.SchemaName;
import liquibase.ContextExpression;
import liquibase.change.core.EmptyChange;
import liquibase.change.core.ExecuteShellCommandChange;
import liquibase.change.core.OutputChange;
import liquibase.change.core.StopChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.changelog.ChangeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans the upgrade of every schema at one changelog version to the template's, once per fleet upgrade:
 * builds a scratch schema at that version with Liquibase (the changelog's first changesets, as a fresh tenant of
 * that release had them), takes its fingerprint (what a schema at that version must look like to be replayed),
 * has Liquibase write the SQL of the remaining changesets ({@code update-sql}: the statements and the
 * DATABASECHANGELOG rows it would write, with the schema's name as the only thing to substitute), and proves the
 * script by running it on the scratch schema in a transaction that is rolled back: the result must have the
 * template's fingerprint. The scratch schema is dropped afterwards.
 * <p>
 * A release is planned only when replaying its SQL is exactly what Liquibase would do on every such schema.
 * Anything whose effect Liquibase decides per schema at run time (preconditions, {@code runAlways},
 * {@code runOnChange}, contexts, labels, dbms filters, custom or shell changes, changesets outside a transaction
 * or that tolerate errors) makes the plan a fallback: those schemas go through Liquibase, and the plan says why.
 */
@Component
public class UpgradePlanner {

    private static final Logger log = LoggerFactory.getLogger(UpgradePlanner.class);

    private final TenantChangelog changelog;
    private final LiquibaseRunner liquibase;
    private final SchemaOperations schemas;
    private final UpgradeScripts scripts;
    private final String templateName;
    private final boolean enabled;

    UpgradePlanner(TenantChangelog changelog, LiquibaseRunner liquibase, SchemaOperations schemas,
                   UpgradeScripts scripts, ProvisioningProperties properties) {
        this.changelog = changelog;
        this.liquibase = liquibase;
        this.schemas = schemas;
        this.scripts = scripts;
        this.templateName = properties.templateSchema();
        this.enabled = properties.replayUpgrades();
    }

    /** Plans the upgrade of schemas at {@code fromVersion} to the template's version. */
    public UpgradePlan plan(String fromVersion, TemplateSchema.Template template) {
        long started = System.nanoTime();
        if (!enabled) {
            return UpgradePlan.fallback(fromVersion, template, "replayed upgrades are switched off"
                    + " (concierge.provisioning.replay-upgrades)");
        }
        if (fromVersion == null) {
            return UpgradePlan.fallback(null, template, "the tenant has no recorded changelog version");
        }
        var all = changelog.parse().getChangeSets();
        var reasons = new ArrayList<String>();
        String previous = null;
        int before = 0;
        var pending = new ArrayList<ChangeSet>();
        for (var changeSet : all) {
            var release = TenantChangelog.releaseOf(changeSet.getId());
            if (previous != null && TenantChangelog.compare(release, previous) < 0) {
                return UpgradePlan.fallback(fromVersion, template, "changeset " + changeSet.getId()
                        + " comes after a changeset of the newer release " + previous);
            }
            previous = release;
            if (TenantChangelog.compare(release, fromVersion) <= 0) {
                before++;
            } else {
                pending.add(changeSet);
                notReplayable(changeSet).ifPresent(reasons::add);
            }
        }
        if (before == 0) {
            return UpgradePlan.fallback(fromVersion, template, "the changelog has no release " + fromVersion);
        }
        if (pending.isEmpty()) {
            return UpgradePlan.fallback(fromVersion, template, "nothing to apply beyond " + fromVersion);
        }
        if (!reasons.isEmpty()) {
            return UpgradePlan.fallback(fromVersion, template, String.join("; ", reasons));
        }
        var scratch = new SchemaName(scratchName(fromVersion));
        try {
            schemas.dropIfExists(scratch);
            schemas.create(scratch);
            liquibase.updateCount(scratch, before);
            var top = schemas.lastChangeSet(scratch).orElseThrow();
            if (!TenantChangelog.releaseOf(top).equals(fromVersion)) {
                return UpgradePlan.fallback(fromVersion, template, "the changelog's release " + fromVersion
                        + " ends with " + top);
            }
            var expected = schemas.fingerprint(scratch);
            var expectedDigest = scripts.digest(scratch);
            long lastOrder = scripts.lastOrder(scratch);
            var generated = liquibase.updateSql(scratch);
            var script = UpgradeScripts.templated(generated, scratch);
            if (script.isEmpty()) {
                return UpgradePlan.fallback(fromVersion, template, "Liquibase's SQL names the schema outside a"
                        + " qualified name, so it cannot be replayed on another schema");
            }
            var proof = scripts.tryOn(scratch, script.get(), template);
            if (!proof.isEmpty()) {
                return UpgradePlan.fallback(fromVersion, template, "the planned SQL does not reproduce the template ("
                        + proof.size() + " differences, first: " + proof.get(0) + ")");
            }
            var plan = new UpgradePlan(fromVersion, template, true, null, expected, expectedDigest,
                    scripts.digest(template.schema()), lastOrder, script.get(), pending.size());
            log.info("Planned the upgrade from {} to {} ({} changesets) in {} ms", fromVersion, template.version(),
                    pending.size(), (System.nanoTime() - started) / 1_000_000);
            return plan;
        } catch (RuntimeException e) {
            log.warn("Cannot plan the upgrade from {}; those schemas go through Liquibase", fromVersion, e);
            return UpgradePlan.fallback(fromVersion, template, "planning failed: " + e.getMessage());
        } finally {
            schemas.dropIfExists(scratch);
        }
    }

    private String scratchName(String version) {
        var name = templateName + "_plan_" + version.replace('.', '_');
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /** Why replaying Liquibase's SQL for this changeset could differ from running Liquibase, if it could. */
    static Optional<String> notReplayable(ChangeSet changeSet) {
        var id = changeSet.getId();
        var preconditions = changeSet.getPreconditions();
        if (preconditions != null && !preconditions.getNestedPreconditions().isEmpty()) {
            return Optional.of("changeset " + id + " has preconditions");
        }
        if (changeSet.isAlwaysRun()) {
            return Optional.of("changeset " + id + " runs always");
        }
        if (changeSet.isRunOnChange()) {
            return Optional.of("changeset " + id + " runs on change");
        }
        var contexts = new ArrayList<ContextExpression>(changeSet.getInheritableContextFilter());
        contexts.add(changeSet.getContextFilter());
        var withContexts = contexts.stream().filter(c -> c != null && !c.isEmpty()).toList();
        if (!withContexts.isEmpty()) {
            return Optional.of("changeset " + id + " has contexts (" + withContexts.get(0) + ")");
        }
        if (changeSet.getLabels() != null && !changeSet.getLabels().isEmpty()) {
            return Optional.of("changeset " + id + " has labels");
        }
        if (changeSet.getDbmsSet() != null && !changeSet.getDbmsSet().isEmpty()) {
            return Optional.of("changeset " + id + " is limited to some databases");
        }
        if (!changeSet.isRunInTransaction()) {
            return Optional.of("changeset " + id + " runs outside a transaction");
        }
        if (Boolean.FALSE.equals(changeSet.getFailOnError())) {
            return Optional.of("changeset " + id + " tolerates errors");
        }
        for (var change : changeSet.getChanges()) {
            if (change instanceof CustomChangeWrapper || change instanceof ExecuteShellCommandChange
                    || change instanceof OutputChange || change instanceof StopChange
                    || change instanceof EmptyChange) {
                return Optional.of("changeset " + id + " has a " + change.getSerializedObjectName() + " change");
            }
        }
        return Optional.empty();
    }

    /** A plan, or the reason schemas at {@code fromVersion} go through Liquibase instead. */
    public record UpgradePlan(String fromVersion, TemplateSchema.Template template, boolean replayable,
                              String fallbackReason, Fingerprint before, String beforeDigest, String afterDigest,
                              long lastOrderBefore, String script, int changesets) {

        static UpgradePlan fallback(String fromVersion, TemplateSchema.Template template, String reason) {
            return new UpgradePlan(fromVersion, template, false, reason, null, null, null, 0, null, 0);
        }

        /** One line for the page and the log. */
        public String describe() {
            return replayable
                    ? "From " + fromVersion + ": " + changesets + " changeset" + (changesets == 1 ? "" : "s")
                    + " planned once and replayed per schema"
                    : "From " + (fromVersion == null ? "no version" : fromVersion) + ": upgraded by Liquibase, because "
                    + fallbackReason;
        }
    }
}
