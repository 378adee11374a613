package io.concierge.audit.internal;

import io.concierge.audit.AuditAction;
import io.concierge.audit.AuditArea;
import io.concierge.audit.AuditEntry;
import io.concierge.audit.AuditFilter;
import io.concierge.shared.ConsoleSchema;
import io.concierge.shared.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The read side of the history, in plain SQL: every list is newest first by id with a keyset cursor
 * ({@code id < :before}), and every filter has an index that ends in id, so a page costs the same on the
 * first screen and a million rows deep. A date range becomes an id range (time grows with id along the
 * chain), so it combines with any other filter's index. Callers have checked access and pass the tenant a
 * partner admin is confined to.
 */
@Component
public class AuditQueries {

    static final String LIST_COLUMNS = "id, occurred_at, actor, actor_role, tenant_id, tenant_slug, area, action, "
            + "target, detail, client_address, produced_version, prev_hash, hash";
    private static final String ALL_COLUMNS = LIST_COLUMNS + ", before_json, after_json";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    /** The audit table in the console's own schema (as configured for Hibernate and Flyway). */
    private final String table;
    private final String firstIdAt;

    AuditQueries(JdbcTemplate jdbc, DataSource dataSource,
                 ConsoleSchema consoleSchema) {
        this.jdbc = jdbc;
        this.table = consoleSchema.qualify("audit_entry");
        this.firstIdAt = "(SELECT id FROM " + table + " WHERE occurred_at >= ? ORDER BY occurred_at, id LIMIT 1)";
        this.streaming = new JdbcTemplate(dataSource);
        // PostgreSQL streams through a cursor only with a fetch size inside a transaction
        this.streaming.setFetchSize(500);
    }

    /** An entry with its before/after content, as the chain stores it. */
    public record StoredEntry(AuditEntry entry, String before, String after) {
    }

    /**
     * A page of entries older than {@code beforeId}, skipping {@code skip} matches first (used only to bridge a
     * short gap from the nearest known cursor).
     */
    public List<AuditEntry> page(AuditFilter filter, TenantId confinedTo, long beforeId, int skip, int limit) {
        var where = where(filter, confinedTo);
        where.add("id < ?", beforeId);
        var args = new ArrayList<>(where.args);
        args.add(skip);
        args.add(limit);
        return jdbc.query("SELECT " + LIST_COLUMNS + " FROM " + table + " WHERE " + where.sql()
                + " ORDER BY id DESC OFFSET ? LIMIT ?", LIST, args.toArray());
    }

    public Optional<StoredEntry> entry(long id, TenantId confinedTo) {
        var where = where(AuditFilter.ALL, confinedTo);
        where.add("id = ?", id);
        return jdbc.query("SELECT " + ALL_COLUMNS + " FROM " + table + " WHERE " + where.sql(), FULL,
                where.args.toArray()).stream().findFirst();
    }

    /** Every matching entry, newest first, row by row through a database cursor (call in a transaction). */
    public void stream(AuditFilter filter, TenantId confinedTo, Consumer<StoredEntry> sink) {
        var where = where(filter, confinedTo);
        streaming.query("SELECT " + ALL_COLUMNS + " FROM " + table + " WHERE " + where.sql()
                + " ORDER BY id DESC", rs -> {
            sink.accept(FULL.mapRow(rs, 0));
        }, where.args.toArray());
    }

    /** The chain in order, {@code limit} entries after {@code afterId}. */
    public List<StoredEntry> chainAfter(long afterId, int limit) {
        return jdbc.query("SELECT " + ALL_COLUMNS + " FROM " + table + " WHERE id > ? ORDER BY id LIMIT ?",
                FULL, afterId, limit);
    }

    /** The tenant's state as the newest lifecycle entry recorded it (JSON), or null. */
    String lastTenantState(TenantId tenant) {
        return jdbc.query("SELECT after_json FROM " + table + " WHERE tenant_id = ? AND area = ? "
                        + "ORDER BY id DESC LIMIT 1", rs -> rs.next() ? rs.getString(1) : null,
                tenant.value(), AuditArea.TENANT.key());
    }

    private Where where(AuditFilter f, TenantId confinedTo) {
        var where = new Where();
        if (confinedTo != null) {
            where.add("tenant_id = ?", confinedTo.value());
        }
        if (f.tenantSlug() != null) {
            where.add("tenant_slug = ?", f.tenantSlug());
        }
        if (f.actor() != null) {
            where.add("actor = ?", f.actor());
        }
        if (f.action() != null) {
            where.add("action = ?", f.action().key());
        }
        if (f.area() != null) {
            where.add("area = ?", f.area().key());
        }
        if (f.from() != null) {
            // no entry at or after 'from': the sub-select is NULL and nothing matches, as it should
            where.add("id >= " + firstIdAt, OffsetDateTime.ofInstant(f.from(), ZoneOffset.UTC));
        }
        if (f.to() != null) {
            where.add("id < COALESCE(" + firstIdAt + ", 9223372036854775807)",
                    OffsetDateTime.ofInstant(f.to(), ZoneOffset.UTC));
        }
        if (f.text() != null) {
            var like = "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.add("(actor ILIKE ? OR tenant_slug ILIKE ? OR target ILIKE ? OR detail ILIKE ?)", like, like, like, like);
        }
        if (where.conditions.isEmpty()) {
            where.conditions.add("TRUE");
        }
        return where;
    }

    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();

        void add(String condition, Object... values) {
            conditions.add(condition);
            args.addAll(List.of(values));
        }

        String sql() {
            return String.join(" AND ", conditions);
        }
    }

    private static final RowMapper<AuditEntry> LIST = (rs, n) -> toEntry(rs);

    private static final RowMapper<StoredEntry> FULL = (rs, n) ->
            new StoredEntry(toEntry(rs), rs.getString("before_json"), rs.getString("after_json"));

    private static AuditEntry toEntry(ResultSet rs) throws SQLException {
        var tenant = rs.getObject("tenant_id", UUID.class);
        var version = rs.getObject("produced_version");
        return new AuditEntry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("actor_role"), tenant == null ? null : new TenantId(tenant),
                rs.getString("tenant_slug"), AuditArea.fromKey(rs.getString("area")),
                AuditAction.fromKey(rs.getString("action")), rs.getString("target"), rs.getString("detail"),
                rs.getString("client_address"), version == null ? null : ((Number) version).longValue(),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
