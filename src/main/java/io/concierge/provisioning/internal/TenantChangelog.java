package io.concierge.provisioning.internal;

import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.integration.spring.SpringResourceAccessor;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tenant changelog: where it is and which release is its newest. A changeset's release is the prefix of its
 * id ({@code 1.1.0-sip-mandates} belongs to 1.1.0), so a schema's version is the release of the newest
 * changeset it has applied.
 */
@Component
public class TenantChangelog {

    private static final Pattern RELEASE = Pattern.compile("^(\\d+(?:\\.\\d+)*)-.+");

    private final String location;
    // A plain resource loader, not the web application context: that would look for unprefixed paths in the
    // servlet context instead of on the classpath.
    private final ResourceAccessor resources =
            new SpringResourceAccessor(new DefaultResourceLoader(TenantChangelog.class.getClassLoader()));
    private volatile String latestVersion;

    TenantChangelog(ProvisioningProperties properties) {
        this.location = properties.changelog();
    }

    public String location() {
        return location;
    }

    ResourceAccessor resources() {
        return resources;
    }

    /** The release of the changelog's last changeset. The changelog is read once per JVM: it ships with the build. */
    public String latestVersion() {
        var version = latestVersion;
        if (version == null) {
            version = releaseOf(lastChangeSet().getId());
            latestVersion = version;
        }
        return version;
    }

    /**
     * Whether a schema at {@code version} lacks releases of the changelog. A schema without a version is behind;
     * one ahead of this build's changelog (a newer console upgraded it) is not: this build cannot help it.
     */
    public boolean isBehind(String version) {
        return version == null || compare(version, latestVersion()) < 0;
    }

    /** Orders releases numerically, segment by segment ("1.10.0" after "1.9.0"). */
    static int compare(String a, String b) {
        var x = a.split("\\.");
        var y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? number(x[i]) : 0, i < y.length ? number(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int number(String segment) {
        try {
            return Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            return -1; // not a release of this changelog (e.g. a version typed by hand): treat as oldest
        }
    }

    /** The release a changeset belongs to; refuses an id that does not follow the {@code <release>-<topic>} rule. */
    public static String releaseOf(String changeSetId) {
        var m = RELEASE.matcher(changeSetId);
        if (!m.matches()) {
            throw new IllegalStateException("Changeset id '" + changeSetId
                    + "' does not start with its release (expected <release>-<topic>, e.g. 1.2.0-order-notes).");
        }
        return m.group(1);
    }

    private ChangeSet lastChangeSet() {
        var changeSets = parse().getChangeSets();
        if (changeSets.isEmpty()) {
            throw new IllegalStateException("The tenant changelog " + location + " has no changesets.");
        }
        return changeSets.get(changeSets.size() - 1);
    }

    /** Reads the changelog with all its includes. */
    DatabaseChangeLog parse() {
        try {
            return Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources), () -> ChangeLogParserFactory
                    .getInstance().getParser(location, resources).parse(location, new ChangeLogParameters(), resources));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the tenant changelog " + location + ": " + e.getMessage(), e);
        }
    }
}
