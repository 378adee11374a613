package io.concierge.audit;

import io.concierge.audit.internal.AuditCheckpoints;
import io.concierge.audit.internal.AuditQueries;
import io.concierge.audit.internal.ChainVerifier;
import io.concierge.audit.internal.ExportWriter;
import io.concierge.audit.internal.AuditQueries.StoredEntry;
import io.concierge.configuration.ConfigDiff;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.FieldChange;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.security.TenantAccess;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What auditors read: the history newest first, one entry with its diff, exports, and the integrity check.
 * Operators and auditors see every entry; a partner admin sees only their own tenant's, and naming another
 * tenant in a filter is refused (and recorded). There is no way to change an entry.
 */
@Service
@Transactional(readOnly = true)
public class AuditLog {

    public static final int MAX_PAGE = 500;
    /** How far past the nearest known cursor a page may start; views keep cursors so they never need more. */
    public static final int MAX_SKIP = 10_000;

    private final AuditQueries queries;
    private final ChainVerifier verifier;
    private final TenantAccess access;
    private final ConfigurationAreas areas;
    private final AuditCheckpoints checkpoints;

    AuditLog(AuditQueries queries, ChainVerifier verifier, TenantAccess access, ConfigurationAreas areas,
             AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
        this.queries = queries;
        this.verifier = verifier;
        this.access = access;
        this.areas = areas;
    }

    /** Newest first: entries older than {@code before} (null: from the newest), at most {@code limit}. */
    public List<AuditEntry> page(AuditFilter filter, Long before, int limit) {
        return page(filter, before, 0, limit);
    }

    /**
     * Like {@link #page(AuditFilter, Long, int)} after skipping {@code skip} matches: how a view bridges from
     * the nearest cursor it knows to an offset the grid asks for.
     */
    public List<AuditEntry> page(AuditFilter filter, Long before, int skip, int limit) {
        var confinedTo = scope(filter, "read the audit history");
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidValueException("limit", "A page holds 1 to " + MAX_PAGE + " entries.");
        }
        if (skip < 0 || skip > MAX_SKIP) {
            throw new InvalidValueException("skip", "Skip at most " + MAX_SKIP + " entries; page with a cursor.");
        }
        return queries.page(filter, confinedTo, before == null ? Long.MAX_VALUE : before, skip, limit);
    }

    /** One entry with its before/after content and field-by-field changes, if the user may see it. */
    public Optional<AuditEntryDetails> details(long id) {
        var confinedTo = scope(AuditFilter.ALL, "read the audit history");
        return queries.entry(id, confinedTo).map(s -> new AuditEntryDetails(s.entry(), s.before(), s.after(),
                changes(s)));
    }

    /**
     * A configuration entry is told by its area, from the versions it joined (the stored versions hold the images
     * the redacted entry only marks); anything else, and content no area can read, by the same JSON diff.
     */
    private List<FieldChange> changes(StoredEntry stored) {
        var entry = stored.entry();
        var area = entry.area().configArea();
        if (area.isEmpty()) {
            return ConfigDiff.between(stored.before(), stored.after());
        }
        if (entry.tenant() != null && entry.producedVersion() != null) {
            return areas.changes(entry.tenant(), area.get(), entry.producedVersion() - 1, entry.producedVersion());
        }
        return areas.changes(area.get(), stored.before(), stored.after());
    }

    /**
     * Checks that the user may export the filtered history; throws before anything is written, so an HTTP
     * caller can still answer 400 or 403.
     */
    public void checkExport(AuditFilter filter) {
        scope(filter, "export the audit history");
    }

    /** Writes every matching entry, newest first, straight from a database cursor to {@code out}. */
    public void export(AuditFilter filter, ExportFormat format, OutputStream out) {
        var confinedTo = scope(filter, "export the audit history");
        try (var writer = ExportWriter.of(format, out)) {
            queries.stream(filter, confinedTo, writer);
        }
    }

    /** A file name for an export of the filter. */
    public static String exportFileName(AuditFilter filter, ExportFormat format) {
        return "audit" + (filter.tenantSlug() == null ? "" : "-" + filter.tenantSlug()) + "." + format.extension();
    }

    /**
     * Writes the signed checkpoints kept in Redis, oldest first, one JSON object a line, for auditors to keep
     * outside the console's reach (operators and auditors).
     */
    public void exportCheckpoints(OutputStream out) {
        checkCheckpointExport();
        try {
            for (var checkpoint : checkpoints.stored()) {
                out.write((AuditCheckpoints.toJson(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses before anything is written unless the user may download the checkpoints. */
    public void checkCheckpointExport() {
        access.requireReadAll("download the audit checkpoints");
    }

    /** Recomputes the whole chain (operators and auditors). */
    public IntegrityReport verifyIntegrity() {
        access.requireReadAll("verify the audit history");
        return verifier.verify();
    }

    /** The tenant a partner admin is confined to (null for operators and auditors); refuses other tenants. */
    private TenantId scope(AuditFilter filter, String target) {
        var user = access.current().orElse(null);
        if (user == null) {
            access.refuse(null, target);
        }
        if (user.role() != Role.PARTNER_ADMIN) {
            return null;
        }
        if (filter.tenantSlug() != null && !filter.tenantSlug().equals(slugOf(user))) {
            access.refuse(null, target + " of tenant '" + filter.tenantSlug() + "'");
        }
        return user.tenant();
    }

    private static String slugOf(CurrentUser user) {
        return user.tenantSlug() == null ? null : user.tenantSlug().value();
    }
}
