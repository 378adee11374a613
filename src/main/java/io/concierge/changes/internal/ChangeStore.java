package io.concierge.changes.internal;

import io.concierge.changes.Approval;
import io.concierge.changes.ChangeKind;
import io.concierge.changes.ChangeRequest;
import io.concierge.changes.ChangeState;
import io.concierge.changes.TimelineEntry;
import io.concierge.configuration.ConfigArea;
import io.concierge.shared.ConsoleSchema;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The change-request tables. Every state change of a request happens on a row locked with {@link #lock}, so two
 * approvals, an approval and a revision, or two console instances applying the same request are serialised by the
 * database; {@link #lockDue} skips rows another instance holds.
 */
@Repository
public class ChangeStore {

    private static final String COLUMNS = "r.id, r.tenant_id, r.tenant_slug, r.area, r.kind, r.state, r.base_version, "
            + "r.content, r.content_checksum, r.required_approvals, r.author, r.author_role, r.comment, r.created_at, "
            + "r.updated_at, r.apply_at, r.applied_version, r.applied_by, r.applied_at, r.break_glass_reason, "
            + "r.break_glass_reviewed_by, r.state_note, (SELECT count(*) FROM change_approval a WHERE a.request_id = r.id "
            + "AND a.content_checksum = r.content_checksum AND a.base_version = r.base_version) AS approvals";
    private static final RowMapper<ChangeRequest> ROW = ChangeStore::request;

    private static final Pattern TABLES = Pattern.compile("\\b(change_request|change_approval|change_request_event|approval_policy)\\b");

    private final JdbcClient jdbc;
    private final ConsoleSchema schema;

    ChangeStore(JdbcClient jdbc, ConsoleSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** Plain JDBC does not see Hibernate's default schema: every table is named with the console schema. */
    private JdbcClient.StatementSpec sql(String sql) {
        return jdbc.sql(TABLES.matcher(sql).replaceAll(m -> Matcher.quoteReplacement(schema.qualify(m.group(1)))));
    }

    public long insert(TenantId tenant, TenantSlug slug, ConfigArea area, ChangeKind kind, long baseVersion,
                       String baseChecksum, String content, int required, String author, String authorRole,
                       String comment, Instant now) {
        return sql("INSERT INTO change_request (tenant_id, tenant_slug, area, kind, state, base_version, "
                        + "base_checksum, content, content_checksum, required_approvals, author, author_role, comment, "
                        + "created_at, updated_at) VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(tenant.value(), slug.value(), area.key(), kind.name(), baseVersion, baseChecksum, content,
                        Checksums.sha256(content), required, author, authorRole, comment, ts(now), ts(now))
                .query(Long.class).single();
    }

    public Optional<ChangeRequest> find(long id) {
        return sql("SELECT " + COLUMNS + " FROM change_request r WHERE r.id = ?").param(id).query(ROW).optional();
    }

    /** Reads and locks the request's row until the transaction ends (another locker waits). */
    public Optional<ChangeRequest> lock(long id) {
        sql("SELECT 1 FROM change_request WHERE id = ? FOR UPDATE").param(id).query(Integer.class).optional();
        return find(id);
    }

    /** The next scheduled request that is due and not held by another console instance, locked. */
    public Optional<Long> lockDue(Instant now) {
        return sql("SELECT id FROM change_request WHERE state = 'SCHEDULED' AND apply_at <= ? ORDER BY apply_at, id "
                + "LIMIT 1 FOR UPDATE SKIP LOCKED").param(ts(now)).query(Long.class).optional();
    }

    public String baseChecksum(long id) {
        return sql("SELECT base_checksum FROM change_request WHERE id = ?").param(id).query(String.class)
                .optional().orElse(null);
    }

    public void state(long id, ChangeState state, String note, Instant now) {
        sql("UPDATE change_request SET state = ?, state_note = ?, updated_at = ? WHERE id = ?")
                .params(state.name(), note, ts(now), id).update();
    }

    public void applyAt(long id, Instant at, Instant now) {
        sql("UPDATE change_request SET apply_at = ?, updated_at = ? WHERE id = ?").params(ts(at), ts(now), id).update();
    }

    public void applied(long id, Long version, String by, String breakGlassReason, Instant now) {
        sql("UPDATE change_request SET state = 'APPLIED', applied_version = ?, applied_by = ?, applied_at = ?, "
                        + "break_glass_reason = ?, state_note = NULL, updated_at = ? WHERE id = ?")
                .params(version, by, ts(now), breakGlassReason, ts(now), id).update();
    }

    public void revise(long id, String content, String comment, Instant now) {
        sql("UPDATE change_request SET content = ?, content_checksum = ?, comment = ?, state = 'OPEN', "
                        + "state_note = NULL, updated_at = ? WHERE id = ?")
                .params(content, Checksums.sha256(content), comment, ts(now), id).update();
    }

    public void rebase(long id, long baseVersion, String baseChecksum, Instant now) {
        sql("UPDATE change_request SET base_version = ?, base_checksum = ?, state = 'OPEN', state_note = NULL, "
                + "updated_at = ? WHERE id = ?").params(baseVersion, baseChecksum, ts(now), id).update();
    }

    public void breakGlassReviewed(long id, String by, Instant now) {
        sql("UPDATE change_request SET break_glass_reviewed_by = ?, break_glass_reviewed_at = ?, updated_at = ? "
                + "WHERE id = ?").params(by, ts(now), ts(now), id).update();
    }

    public void approve(long id, String approver, String role, String checksum, long baseVersion, String comment,
                        Instant now) {
        sql("INSERT INTO change_approval (request_id, approver, approver_role, content_checksum, base_version, "
                        + "comment, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, approver, role, checksum, baseVersion, comment, ts(now)).update();
    }

    public List<Approval> approvals(ChangeRequest request) {
        return sql("SELECT approver, approver_role, content_checksum, base_version, comment, approved_at "
                        + "FROM change_approval WHERE request_id = ? ORDER BY id").param(request.id())
                .query((rs, n) -> new Approval(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(),
                        rs.getString(3).equals(request.contentChecksum()) && rs.getLong(4) == request.baseVersion()))
                .list();
    }

    public void event(long id, String actor, String kind, String detail, Instant now) {
        sql("INSERT INTO change_request_event (request_id, occurred_at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)")
                .params(id, ts(now), actor, kind, detail == null ? null : cut(detail, 700)).update();
    }

    public List<TimelineEntry> timeline(long id) {
        return sql("SELECT occurred_at, actor, kind, detail FROM change_request_event WHERE request_id = ? ORDER BY id")
                .param(id).query((rs, n) -> new TimelineEntry(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4))).list();
    }

    /** Pending requests not by {@code user} that they have not approved as they stand; {@code tenant} null: all. */
    public List<ChangeRequest> awaitingReview(String user, TenantId tenant, boolean contentOnly) {
        return sql("SELECT " + COLUMNS + " FROM change_request r WHERE r.state = 'OPEN' AND r.author <> :user "
                        + (tenant == null ? "" : "AND r.tenant_id = :tenant ")
                        + (contentOnly ? "AND r.kind = 'CONTENT' " : "")
                        + "AND NOT EXISTS (SELECT 1 FROM change_approval a WHERE a.request_id = r.id AND a.approver = :user "
                        + "AND a.content_checksum = r.content_checksum AND a.base_version = r.base_version) ORDER BY r.id")
                .param("user", user).param("tenant", tenant == null ? null : tenant.value()).query(ROW).list();
    }

    public List<ChangeRequest> byAuthor(String author, Collection<ChangeState> states) {
        return sql("SELECT " + COLUMNS + " FROM change_request r WHERE r.author = :author AND r.state IN (:states) "
                        + "ORDER BY r.id DESC").param("author", author).param("states", names(states))
                .query(ROW).list();
    }

    public List<ChangeRequest> byTenant(TenantId tenant, Collection<ChangeState> states, int limit) {
        return sql("SELECT " + COLUMNS + " FROM change_request r WHERE r.tenant_id = :tenant AND r.state IN (:states) "
                        + "ORDER BY r.id DESC LIMIT :limit").param("tenant", tenant.value())
                .param("states", names(states)).param("limit", limit).query(ROW).list();
    }

    public List<ChangeRequest> breakGlassUnreviewed() {
        return sql("SELECT " + COLUMNS + " FROM change_request r WHERE r.break_glass_reason IS NOT NULL "
                + "AND r.break_glass_reviewed_at IS NULL ORDER BY r.id").query(ROW).list();
    }

    public long countPending() {
        return sql("SELECT count(*) FROM change_request WHERE state IN ('OPEN', 'APPROVED', 'SCHEDULED', 'CONFLICTED')")
                .query(Long.class).single();
    }

    // policies

    public Optional<Integer> policy(TenantId tenant, ConfigArea area) {
        return sql("SELECT approvals FROM approval_policy WHERE tenant_id = ? AND area = ?")
                .params(tenant.value(), area.key()).query(Integer.class).optional();
    }

    public Map<ConfigArea, Integer> policies(TenantId tenant) {
        var result = new EnumMap<ConfigArea, Integer>(ConfigArea.class);
        sql("SELECT area, approvals FROM approval_policy WHERE tenant_id = ?").param(tenant.value())
                .query((rs, n) -> result.put(area(rs.getString(1)), rs.getInt(2))).list();
        return result;
    }

    public void setPolicy(TenantId tenant, ConfigArea area, int approvals, String by, Instant now) {
        sql("INSERT INTO approval_policy (tenant_id, area, approvals, updated_by, updated_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (tenant_id, area) DO UPDATE SET approvals = EXCLUDED.approvals, "
                        + "updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at")
                .params(tenant.value(), area.key(), approvals, by, ts(now)).update();
    }

    /** Serialises policy changes of one tenant's area (row lock on the tenant's policy rows' owner). */
    public void lockPolicy(TenantId tenant, ConfigArea area) {
        sql("SELECT pg_advisory_xact_lock(hashtext('change-policy:' || ? || ':' || ?))")
                .params(tenant.value().toString(), area.key()).query(Object.class).optional();
    }

    private static ChangeRequest request(ResultSet rs, int n) throws SQLException {
        var content = rs.getString("content");
        var checksum = rs.getString("content_checksum");
        return new ChangeRequest(rs.getLong("id"), new TenantId(rs.getObject("tenant_id", UUID.class)),
                new TenantSlug(rs.getString("tenant_slug")), area(rs.getString("area")),
                ChangeKind.valueOf(rs.getString("kind")), ChangeState.valueOf(rs.getString("state")),
                rs.getLong("base_version"), content, checksum, rs.getInt("required_approvals"), rs.getInt("approvals"),
                checksum.equals(Checksums.sha256(content)), rs.getString("author"), rs.getString("author_role"),
                rs.getString("comment"), instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "apply_at"),
                (Long) rs.getObject("applied_version"), rs.getString("applied_by"), instant(rs, "applied_at"),
                rs.getString("break_glass_reason"), rs.getString("break_glass_reviewed_by"), rs.getString("state_note"));
    }

    private static ConfigArea area(String key) {
        return Arrays.stream(ConfigArea.values()).filter(a -> a.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown area " + key));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static List<String> names(Collection<ChangeState> states) {
        return states.stream().map(Enum::name).toList();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
