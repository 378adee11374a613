package io.concierge.shared.web;

import io.concierge.shared.ConsoleSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The stored idempotency keys (table {@code api_idempotency_key}). Each statement commits on its own: the claim of
 * a key must be visible to a concurrent retry while the first request still runs.
 */
@Component
class IdempotencyKeys {

    /** How long a key and its response are kept (Stripe: 24 hours). */
    static final Duration RETENTION = Duration.ofHours(24);
    /** A first request that has not finished after this long is taken to have died with its server. */
    static final Duration ABANDONED = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String table;

    IdempotencyKeys(JdbcTemplate jdbc, Clock clock, ConsoleSchema schema) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.table = schema.qualify("api_idempotency_key");
    }

    record Stored(String fingerprint, Integer status, String contentType, String location, String etag, byte[] body) {
        boolean running() {
            return status == null;
        }
    }

    /** Claims the key for a first request; empty when it was claimed, else what is stored under it. */
    Optional<Stored> claim(String caller, String key, String fingerprint) {
        var now = clock.instant();
        // the caller's expired keys go (this one included), and so does a first request that died unfinished
        jdbc.update("DELETE FROM " + table + " WHERE caller = ? AND (created_at < ? OR "
                        + "(idem_key = ? AND completed_at IS NULL AND created_at < ?))",
                caller, Timestamp.from(now.minus(RETENTION)), key, Timestamp.from(now.minus(ABANDONED)));
        var inserted = jdbc.update("INSERT INTO " + table + " (caller, idem_key, fingerprint, created_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", caller, key, fingerprint, Timestamp.from(now));
        if (inserted == 1) {
            return Optional.empty();
        }
        var stored = jdbc.query("SELECT fingerprint, status, content_type, location, etag, body FROM "
                        + table + " WHERE caller = ? AND idem_key = ?",
                (rs, i) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBytes(6)), caller, key);
        // gone between the two statements (a failed first request released it): the caller may simply retry
        return stored.stream().findFirst().or(() -> Optional.of(new Stored(fingerprint, null, null, null, null, null)));
    }

    void complete(String caller, String key, int status, String contentType, String location, String etag,
                  byte[] body) {
        jdbc.update("UPDATE " + table + " SET completed_at = ?, status = ?, content_type = ?, location = ?, "
                        + "etag = ?, body = ? WHERE caller = ? AND idem_key = ?",
                Timestamp.from(clock.instant()), status, contentType, location, etag, body, caller, key);
    }

    /** Forgets the key: the first request failed in a way a retry may cure (a server error, a rate limit). */
    void release(String caller, String key) {
        jdbc.update("DELETE FROM " + table + " WHERE caller = ? AND idem_key = ?", caller, key);
    }
}
