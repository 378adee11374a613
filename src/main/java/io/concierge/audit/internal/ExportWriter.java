package io.concierge.audit.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.concierge.audit.AuditEntry;
import io.concierge.audit.ExportFormat;
import io.concierge.audit.internal.AuditQueries.StoredEntry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Writes entries one at a time as CSV (RFC 4180) or a JSON array; nothing is collected in memory. */
public abstract sealed class ExportWriter implements Consumer<StoredEntry>, AutoCloseable {

    static final String[] COLUMNS = {"id", "occurred_at", "actor", "actor_role", "tenant_id", "tenant_slug", "area",
            "action", "target", "detail", "client_address", "produced_version", "before", "after", "prev_hash", "hash"};

    public static ExportWriter of(ExportFormat format, OutputStream out) {
        return format == ExportFormat.CSV ? new Csv(out) : new Json(out);
    }

    /** Flushes what is buffered; the caller owns (and closes) the stream. */
    @Override
    public abstract void close();

    private static Object[] values(StoredEntry stored) {
        AuditEntry e = stored.entry();
        return new Object[]{e.id(), e.occurredAt().toString(), e.actor(), e.actorRole(),
                e.tenant() == null ? null : e.tenant().toString(), e.tenantSlug(), e.area().key(), e.action().key(),
                e.target(), e.detail(), e.clientAddress(), e.producedVersion(), stored.before(), stored.after(),
                e.prevHash(), e.hash()};
    }

    static final class Csv extends ExportWriter {
        private final Writer out;

        Csv(OutputStream stream) {
            this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
            row(COLUMNS);
        }

        @Override
        public void accept(StoredEntry stored) {
            row(values(stored));
        }

        private void row(Object[] values) {
            try {
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    if (values[i] != null) {
                        out.write(quote(values[i].toString()));
                    }
                }
                out.write("\r\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String quote(String value) {
            // a leading =, +, - or @ would run as a formula in a spreadsheet: prefix it with an apostrophe
            var safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
            if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
                return safe;
            }
            return '"' + safe.replace("\"", "\"\"") + '"';
        }

        @Override
        public void close() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final class Json extends ExportWriter {
        private final JsonGenerator json;

        Json(OutputStream stream) {
            try {
                json = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8)
                        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void accept(StoredEntry stored) {
            var values = values(stored);
            try {
                json.writeStartObject();
                for (int i = 0; i < COLUMNS.length; i++) {
                    json.writeFieldName(COLUMNS[i]);
                    var value = values[i];
                    if (value == null) {
                        json.writeNull();
                    } else if (value instanceof Number n) {
                        json.writeNumber(n.longValue());
                    } else if (COLUMNS[i].equals("before") || COLUMNS[i].equals("after")) {
                        json.writeRawValue(value.toString()); // already JSON
                    } else {
                        json.writeString(value.toString());
                    }
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                json.writeEndArray();
                json.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
