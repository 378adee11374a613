package io.concierge.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.concierge.audit.AuditCheckpoint;
import io.concierge.shared.ConsoleSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signed checkpoints of the chain's head, written where the database cannot reach: to Redis under a key of the
 * console's own (not part of the tenant contract, see docs/redis-contract.md) and to the log; auditors download
 * them to keep elsewhere. One after every {@code every-entries} entries this instance appends and one every
 * {@code interval} when the chain has grown. Redis keeps the newest {@value #KEEP}.
 */
@Component
public class AuditCheckpoints implements SmartLifecycle {

    static final String KEY = "concierge-private:audit:checkpoints";
    static final int KEEP = 10_000;
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final JdbcTemplate jdbc;
    private final String table;
    private final StringRedisTemplate redis;
    private final ChainKeys keys;
    private final AuditProperties.Checkpoints settings;
    private final Clock clock;
    private final AtomicInteger sinceLast = new AtomicInteger();
    private volatile long lastEntryId;
    private volatile ScheduledExecutorService loop;

    AuditCheckpoints(JdbcTemplate jdbc, ConsoleSchema schema, StringRedisTemplate redis, ChainKeys keys,
                     AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.table = schema.qualify("audit_entry");
        this.redis = redis;
        this.keys = keys;
        this.settings = properties.checkpoints();
        this.clock = clock;
    }

    /** One more entry committed: every {@code every-entries} of them, a checkpoint (off the caller's thread). */
    void appended() {
        if (sinceLast.incrementAndGet() >= settings.everyEntries()) {
            sinceLast.set(0);
            var executor = loop;
            if (executor != null) {
                executor.execute(this::takeQuietly);
            }
        }
    }

    /** Signs the chain's committed head now, stores it in Redis and the log; empty when the chain is empty. */
    public Optional<AuditCheckpoint> take() {
        // one statement, one snapshot: the newest entry and the count agree (appends commit in id order)
        var head = jdbc.query("SELECT id, hash, (SELECT count(*) FROM " + table + ") FROM " + table
                        + " ORDER BY id DESC LIMIT 1",
                rs -> rs.next() ? new Head(rs.getLong(1), rs.getString(2), rs.getLong(3)) : null);
        if (head == null) {
            return Optional.empty();
        }
        var at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var unsigned = new AuditCheckpoint(head.id(), head.count(), head.hash(), at, keys.currentId(), null);
        var checkpoint = new AuditCheckpoint(head.id(), head.count(), head.hash(), at, keys.currentId(),
                keys.hmac(keys.currentId(), unsigned.signedText()).orElseThrow());
        var json = toJson(checkpoint);
        log.info("Audit checkpoint {}", json);
        try {
            redis.opsForList().rightPush(KEY, json);
            redis.opsForList().trim(KEY, -KEEP, -1);
        } catch (RuntimeException e) {
            log.warn("Could not store the audit checkpoint in Redis (it is in this log): {}", e.toString());
        }
        lastEntryId = head.id();
        return Optional.of(checkpoint);
    }

    /** The checkpoints kept in Redis, oldest first; throws when Redis does not answer. */
    public List<AuditCheckpoint> stored() {
        var lines = redis.opsForList().range(KEY, 0, -1);
        var result = new ArrayList<AuditCheckpoint>();
        for (var line : lines == null ? List.<String>of() : lines) {
            result.add(parse(line));
        }
        return result;
    }

    /** Whether the checkpoint's signature is right under a configured key. */
    boolean authentic(AuditCheckpoint c) {
        return c.keyId() != null && keys.verifies(c.keyId(), c.signedText(), c.signature());
    }

    public static String toJson(AuditCheckpoint checkpoint) {
        try {
            return JSON.writeValueAsString(checkpoint);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a checkpoint", e);
        }
    }

    static AuditCheckpoint parse(String json) {
        try {
            return JSON.readValue(json, AuditCheckpoint.class);
        } catch (JsonProcessingException e) {
            // a stored line that is not a checkpoint reads as one no key signed
            return new AuditCheckpoint(0, 0, null, null, null, null);
        }
    }

    private void takeQuietly() {
        try {
            take();
        } catch (RuntimeException e) {
            log.warn("Could not take an audit checkpoint", e);
        }
    }

    private void takeIfGrown() {
        try {
            var newest = jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM " + table, Long.class);
            if (newest != null && newest != lastEntryId) {
                take();
            }
        } catch (RuntimeException e) {
            log.warn("Could not take an audit checkpoint", e);
        }
    }

    @Override
    public void start() {
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        var interval = settings.interval().toMillis();
        if (interval > 0) {
            loop.scheduleWithFixedDelay(this::takeIfGrown, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        var executor = loop;
        loop = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    private record Head(long id, String hash, long count) {
    }
}
