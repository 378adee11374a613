package io.concierge.provisioning.internal;

import io.concierge.shared.SchemaName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * The schema new tenants copy, and the reference every tenant schema is verified against. It is always the
 * result of a fresh Liquibase run of the whole changelog (never upgraded in place), so its fingerprint is by
 * construction the canonical one. It is rebuilt when the changelog has a newer release, and once per JVM
 * because a template left by an earlier process may have been touched since.
 */
@Component
public class TemplateSchema {

    private static final Logger log = LoggerFactory.getLogger(TemplateSchema.class);

    private final SchemaName name;
    private final SchemaName build;
    private final TenantChangelog changelog;
    private final LiquibaseRunner liquibase;
    private final SchemaOperations schemas;
    private final DataSource dataSource;
    private volatile Template current;

    TemplateSchema(ProvisioningProperties properties, TenantChangelog changelog, LiquibaseRunner liquibase,
                   SchemaOperations schemas, DataSource dataSource) {
        this.name = new SchemaName(properties.templateSchema());
        this.build = new SchemaName(properties.templateSchema() + "_build");
        this.changelog = changelog;
        this.liquibase = liquibase;
        this.schemas = schemas;
        this.dataSource = dataSource;
    }

    /**
     * The template at the changelog's newest release, built first if needed. A cheap query per call notices a
     * template that another console instance rebuilt or someone dropped.
     */
    public Template current() {
        var known = current;
        if (known != null && known.version().equals(changelog.latestVersion())
                && schemas.lastChangeSet(name).filter(known.lastChangeSet()::equals).isPresent()) {
            return known;
        }
        return rebuild();
    }

    private synchronized Template rebuild() {
        var known = current;
        if (known != null && known.version().equals(changelog.latestVersion())
                && schemas.lastChangeSet(name).filter(known.lastChangeSet()::equals).isPresent()) {
            return known; // another thread rebuilt it while this one waited
        }
        try (var connection = dataSource.getConnection()) {
            // One builder across console instances. Whoever waited for it accepts a template the other one
            // just built at the newest release instead of building again.
            var builder = "concierge.template-build:" + name;
            boolean waited = !SchemaLocks.tryLock(connection, builder);
            if (waited) {
                SchemaLocks.lock(connection, builder);
            }
            try {
                var top = schemas.lastChangeSet(name);
                if (waited && top.map(TenantChangelog::releaseOf).filter(changelog.latestVersion()::equals).isPresent()) {
                    return remember(top.get());
                }
                return buildFresh();
            } finally {
                SchemaLocks.unlock(connection, builder);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot lock the template schema " + name + ": " + e.getMessage(), e);
        }
    }

    private Template buildFresh() {
        long started = System.nanoTime();
        schemas.dropIfExists(build);
        schemas.create(build);
        try {
            liquibase.update(build);
            schemas.grantTemplateAccess(build, name);
        } catch (RuntimeException e) {
            schemas.dropIfExists(build);
            throw e;
        }
        schemas.replace(build, name);
        var template = remember(schemas.lastChangeSet(name).orElseThrow());
        log.info("Template schema {} built at changelog {} in {} ms", name, template.version(),
                (System.nanoTime() - started) / 1_000_000);
        return template;
    }

    private Template remember(String lastChangeSet) {
        var template = new Template(name, TenantChangelog.releaseOf(lastChangeSet), lastChangeSet,
                schemas.fingerprint(name), schemas.copyScript(name));
        current = template;
        return template;
    }

    /** A built template: its version, newest changeset, the canonical fingerprint and the script that copies it. */
    public record Template(SchemaName schema, String version, String lastChangeSet, Fingerprint fingerprint,
                           String copyScript) {
    }
}
