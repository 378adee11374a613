package io.concierge.publishing.internal;

import io.concierge.configuration.ConfigArea;
import io.concierge.publishing.Backlog;
import io.concierge.shared.ConsoleSchema;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code publication} and {@code publication_area} tables. Plain SQL because every write here is an upsert or
 * an increment that must be atomic in the database (two saves of one tenant serialise on its row, so the
 * sequence order is the commit order), which JPA's read-modify-write cannot express.
 */
@Repository
public class PublicationLedger {

    private final NamedParameterJdbcTemplate jdbc;
    private final String publication;
    private final String publicationArea;

    PublicationLedger(NamedParameterJdbcTemplate jdbc, ConsoleSchema schema) {
        this.jdbc = jdbc;
        this.publication = schema.qualify("publication");
        this.publicationArea = schema.qualify("publication_area");
    }

    private String sql(String text) {
        return text.replace("{publication_area}", publicationArea).replace("{publication}", publication);
    }

    /** A tenant's row as stored. */
    public record Row(UUID tenant, long sequence, long publishedSequence, String publishedStatus, Instant publishedAt,
                      String checksum, int attempts, String lastError, Instant lastAttemptAt, Instant nextAttemptAt) {
    }

    public record AreaRow(UUID tenant, ConfigArea area, long savedVersion, long publishedVersion, Instant publishedAt) {
    }

    /**
     * Raises the tenant's sequence; called inside the transaction that makes the change. The row lock it takes
     * makes concurrent changes of one tenant commit one after the other.
     */
    public long recordChange(UUID tenant, ConfigArea area, long savedVersion, Instant now) {
        var params = new MapSqlParameterSource("tenant", tenant).addValue("now", Timestamp.from(now));
        var sequence = jdbc.queryForObject(sql("""
                INSERT INTO {publication} (tenant_id, sequence, changed_at, pending_since) VALUES (:tenant, 1, :now, :now)
                ON CONFLICT (tenant_id) DO UPDATE SET sequence = publication.sequence + 1, changed_at = :now,
                    pending_since = CASE WHEN publication.published_sequence >= publication.sequence THEN :now
                                         ELSE coalesce(publication.pending_since, publication.changed_at) END
                RETURNING sequence"""), params, Long.class);
        if (area != null) {
            jdbc.update(sql("""
                    INSERT INTO {publication_area} (tenant_id, area, saved_version) VALUES (:tenant, :area, :version)
                    ON CONFLICT (tenant_id, area)
                    DO UPDATE SET saved_version = greatest(publication_area.saved_version, :version)"""),
                    params.addValue("area", area.key()).addValue("version", savedVersion));
        }
        return sequence == null ? 0 : sequence;
    }

    /** Gives tenants that never had a change recorded (created before publishing existed) their first row. */
    public void ensureRows(Collection<UUID> tenants, Instant now) {
        var batch = tenants.stream().map(t -> new MapSqlParameterSource("tenant", t).addValue("now", Timestamp.from(now)))
                .toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate(sql("INSERT INTO {publication} (tenant_id, sequence, changed_at, pending_since) "
                + "VALUES (:tenant, 1, :now, :now) ON CONFLICT (tenant_id) DO NOTHING"), batch);
    }

    public Optional<Long> sequence(UUID tenant) {
        return jdbc.query(sql("SELECT sequence FROM {publication} WHERE tenant_id = :tenant"),
                new MapSqlParameterSource("tenant", tenant), rs -> rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty());
    }

    /**
     * Redis now holds at least {@code sequence}; clears the failure state. When changes newer than it remain, the
     * oldest of them committed after the snapshot of this publication was read: at the latest the newest change,
     * and no later than now, which is what {@code pending_since} becomes (a few milliseconds late at most).
     */
    public void markPublished(UUID tenant, long sequence, String status, String checksum, Map<ConfigArea, Long> versions,
                              Instant at) {
        var params = new MapSqlParameterSource("tenant", tenant).addValue("sequence", sequence)
                .addValue("status", status).addValue("checksum", checksum).addValue("at", Timestamp.from(at));
        jdbc.update(sql("""
                UPDATE {publication} SET
                    published_status = CASE WHEN :sequence >= published_sequence THEN :status ELSE published_status END,
                    checksum = CASE WHEN :sequence >= published_sequence THEN :checksum ELSE checksum END,
                    published_at = CASE WHEN :sequence >= published_sequence THEN :at ELSE published_at END,
                    pending_since = CASE WHEN greatest(published_sequence, :sequence) >= sequence THEN NULL
                                         WHEN :sequence > published_sequence THEN least(changed_at, :at)
                                         ELSE pending_since END,
                    published_sequence = greatest(published_sequence, :sequence),
                    attempts = 0, last_error = NULL, next_attempt_at = NULL, last_attempt_at = :at
                WHERE tenant_id = :tenant"""), params);
        var batch = versions.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> new MapSqlParameterSource(params.getValues()).addValue("area", e.getKey().key())
                        .addValue("version", e.getValue()))
                .toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate(sql("""
                INSERT INTO {publication_area} (tenant_id, area, saved_version, published_version, published_at)
                VALUES (:tenant, :area, :version, :version, :at)
                ON CONFLICT (tenant_id, area) DO UPDATE SET
                    saved_version = greatest(publication_area.saved_version, :version),
                    published_at = CASE WHEN :version > publication_area.published_version THEN :at
                                        ELSE publication_area.published_at END,
                    published_version = greatest(publication_area.published_version, :version)"""), batch);
    }

    /** Counts a failed attempt and schedules the next one: {@code min * 2^(attempts-1)}, at most {@code max}. */
    public void markFailed(UUID tenant, String error, Instant at, Duration min, Duration max) {
        jdbc.update(sql("""
                UPDATE {publication} SET attempts = attempts + 1, last_error = :error, last_attempt_at = :at,
                    next_attempt_at = CAST(:at AS timestamptz) + make_interval(secs => least(CAST(:max AS float8), CAST(:min AS float8) * power(2, least(attempts, 20))))
                WHERE tenant_id = :tenant"""),
                new MapSqlParameterSource("tenant", tenant).addValue("error", truncate(error))
                        .addValue("at", Timestamp.from(at))
                        .addValue("min", min.toMillis() / 1000.0).addValue("max", max.toMillis() / 1000.0));
    }

    /** Tenants behind whose next attempt is due ({@code ignoreBackoff}: all behind), longest waiting first. */
    public List<UUID> due(Instant now, boolean ignoreBackoff, int limit) {
        return jdbc.queryForList(sql("""
                SELECT tenant_id FROM {publication}
                WHERE published_sequence < sequence AND (:all OR next_attempt_at IS NULL OR next_attempt_at <= :now)
                ORDER BY next_attempt_at NULLS FIRST, changed_at LIMIT :limit"""),
                new MapSqlParameterSource("now", Timestamp.from(now)).addValue("all", ignoreBackoff)
                        .addValue("limit", limit), UUID.class);
    }

    public Optional<Row> find(UUID tenant) {
        return jdbc.query(sql("SELECT * FROM {publication} WHERE tenant_id = :tenant"),
                new MapSqlParameterSource("tenant", tenant), (rs, n) -> row(rs)).stream().findFirst();
    }

    /** Of the given tenants, those whose every recorded change is in the cache. */
    public Set<UUID> upToDate(Collection<UUID> tenants) {
        if (tenants.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.queryForList(sql("SELECT tenant_id FROM {publication} WHERE tenant_id IN (:tenants) "
                + "AND published_sequence >= sequence"), new MapSqlParameterSource("tenants", tenants), UUID.class));
    }

    /**
     * Tenants with changes not yet in the cache: how many, how many have waited since before the cutoff (counted
     * from their oldest undelivered change, so saving again does not make a stuck tenant look fresh), the oldest.
     */
    public Backlog backlog(Instant cutoff) {
        return jdbc.queryForObject(sql("""
                SELECT count(*) AS pending,
                       count(*) FILTER (WHERE coalesce(pending_since, changed_at) < :cutoff) AS overdue,
                       min(coalesce(pending_since, changed_at)) AS oldest
                  FROM {publication} WHERE published_sequence < sequence"""),
                new MapSqlParameterSource("cutoff", java.sql.Timestamp.from(cutoff)),
                (rs, n) -> new Backlog(rs.getLong("pending"), rs.getLong("overdue"),
                        rs.getTimestamp("oldest") == null ? null : rs.getTimestamp("oldest").toInstant()));
    }

    /** Tenants whose every saved change is in Redis (by the tenant-wide sequence). */
    public long upToDateCount() {
        return jdbc.queryForObject(sql("SELECT count(*) FROM {publication} WHERE published_sequence >= sequence"),
                new MapSqlParameterSource(), Long.class);
    }

    /** Tenants with changes not in Redis whose last attempt failed. */
    public long failingCount() {
        return jdbc.queryForObject(sql("SELECT count(*) FROM {publication} WHERE published_sequence < sequence "
                + "AND last_error IS NOT NULL"), new MapSqlParameterSource(), Long.class);
    }

    /**
     * One page of the tenants with changes not in Redis (only those whose last attempt failed, when asked), the
     * longest waiting first: the same conditions as {@link #backlog} and {@link #failingCount}, so the publishing
     * page lists exactly what the home page counts.
     */
    public List<UUID> pending(boolean failingOnly, long offset, int limit) {
        return jdbc.queryForList(sql("""
                SELECT tenant_id FROM {publication}
                 WHERE published_sequence < sequence AND (NOT :failing OR last_error IS NOT NULL)
                 ORDER BY coalesce(pending_since, changed_at), tenant_id OFFSET :offset LIMIT :limit"""),
                new MapSqlParameterSource("failing", failingOnly).addValue("offset", offset).addValue("limit", limit),
                UUID.class);
    }

    /** The rows of the given tenants (one query for a page). */
    public Map<UUID, Row> find(Collection<UUID> tenants) {
        var result = new HashMap<UUID, Row>();
        if (!tenants.isEmpty()) {
            jdbc.query(sql("SELECT * FROM {publication} WHERE tenant_id IN (:tenants)"),
                    new MapSqlParameterSource("tenants", tenants), (rs, n) -> row(rs)).forEach(r -> result.put(r.tenant(), r));
        }
        return result;
    }

    public Map<ConfigArea, AreaRow> areas(UUID tenant) {
        var result = new EnumMap<ConfigArea, AreaRow>(ConfigArea.class);
        jdbc.query(sql("SELECT * FROM {publication_area} WHERE tenant_id = :tenant"), new MapSqlParameterSource("tenant", tenant),
                (rs, n) -> areaRow(rs)).forEach(a -> result.put(a.area(), a));
        return result;
    }

    /** The area rows of the given tenants (one query for a page). */
    public Map<UUID, Map<ConfigArea, AreaRow>> areas(Collection<UUID> tenants) {
        var result = new HashMap<UUID, Map<ConfigArea, AreaRow>>();
        if (!tenants.isEmpty()) {
            jdbc.query(sql("SELECT * FROM {publication_area} WHERE tenant_id IN (:tenants)"),
                            new MapSqlParameterSource("tenants", tenants), (rs, n) -> areaRow(rs))
                    .forEach(a -> result.computeIfAbsent(a.tenant(), t -> new EnumMap<>(ConfigArea.class)).put(a.area(), a));
        }
        return result;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getObject("tenant_id", UUID.class), rs.getLong("sequence"), rs.getLong("published_sequence"),
                rs.getString("published_status"), instant(rs, "published_at"), rs.getString("checksum"),
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "last_attempt_at"),
                instant(rs, "next_attempt_at"));
    }

    private static AreaRow areaRow(ResultSet rs) throws SQLException {
        var key = rs.getString("area");
        var area = Arrays.stream(ConfigArea.values()).filter(a -> a.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown area " + key));
        return new AreaRow(rs.getObject("tenant_id", UUID.class), area, rs.getLong("saved_version"),
                rs.getLong("published_version"), instant(rs, "published_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static String truncate(String error) {
        if (error == null) {
            return "unknown error";
        }
        return error.length() > 2000 ? error.substring(0, 2000) + "…" : error;
    }
}
