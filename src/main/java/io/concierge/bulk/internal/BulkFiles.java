package io.concierge.bulk.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.concierge.bulk.BulkRow;
import io.concierge.bulk.RowError;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a bulk file strictly, since uploaded content is hostile: UTF-8 only, bounded size and row count; CSV per
 * RFC 4180 with a header naming the columns (every row as many fields as the header, quotes closed, nothing after
 * a closing quote); JSON as an array of objects with the same names and string values only. Problems are
 * collected by row and field, never thrown one at a time.
 */
public final class BulkFiles {

    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_ROWS = 2000;
    public static final List<String> COLUMNS = List.of("slug", "displayName", "contactEmail", "firstAdmin", "like");
    private static final Set<String> REQUIRED = Set.of("slug", "displayName", "contactEmail");
    private static final int MAX_FIELD = 300;
    private static final int MAX_ERRORS = 500;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4)
                .maxStringLength(MAX_FIELD * 4).build());
    }

    private BulkFiles() {
    }

    /** The rows and the file's problems (rows with a problem are still returned, for the checks that follow). */
    public record Parsed(List<BulkRow> rows, List<RowError> errors) {
    }

    public static Parsed parse(String fileName, byte[] content) {
        var errors = new ArrayList<RowError>();
        if (content == null || content.length == 0) {
            return new Parsed(List.of(), List.of(new RowError(0, null, "The file is empty.")));
        }
        if (content.length > MAX_BYTES) {
            return new Parsed(List.of(), List.of(new RowError(0, null, "The file is larger than "
                    + MAX_BYTES / 1024 + " KB; split it into several jobs.")));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return new Parsed(List.of(), List.of(new RowError(0, null, "The file is not UTF-8 text.")));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        var name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        var json = name.endsWith(".json") || (!name.endsWith(".csv") && text.stripLeading().startsWith("["));
        var rows = json ? json(text, errors) : csv(text, errors);
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new RowError(0, null, "The file has no tenants."));
        }
        if (rows.size() > MAX_ROWS) {
            return new Parsed(List.of(), List.of(new RowError(0, null, "The file has " + rows.size()
                    + " tenants; at most " + MAX_ROWS + " fit in one job.")));
        }
        return new Parsed(rows, errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
    }

    private static List<BulkRow> json(String text, List<RowError> errors) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            errors.add(new RowError(0, null, "Not valid JSON" + at + ": " + e.getOriginalMessage()));
            return List.of();
        }
        if (root == null || !root.isArray()) {
            errors.add(new RowError(0, null, "A JSON file must be an array of tenants: [{\"slug\": ...}, ...]."));
            return List.of();
        }
        var rows = new ArrayList<BulkRow>();
        for (int i = 0; i < root.size() && i <= MAX_ROWS; i++) {
            var node = root.get(i);
            var row = i + 1;
            if (!node.isObject()) {
                errors.add(new RowError(row, null, "Each tenant must be a JSON object."));
                continue;
            }
            var values = new HashMap<String, String>();
            node.properties().forEach(field -> {
                if (!COLUMNS.contains(field.getKey())) {
                    errors.add(new RowError(row, shorten(field.getKey()), "Unknown field; the fields are "
                            + String.join(", ", COLUMNS) + "."));
                } else if (field.getValue().isNull()) {
                    values.put(field.getKey(), null);
                } else if (!field.getValue().isTextual()) {
                    errors.add(new RowError(row, field.getKey(), "Must be a string."));
                } else {
                    values.put(field.getKey(), field.getValue().asText());
                }
            });
            rows.add(row(row, values, errors));
        }
        return rows;
    }

    private static List<BulkRow> csv(String text, List<RowError> errors) {
        var records = new ArrayList<List<String>>();
        var lineOf = new ArrayList<Integer>();
        if (!records(text, records, lineOf, errors)) {
            return List.of();
        }
        if (records.isEmpty()) {
            return List.of();
        }
        var header = records.get(0).stream().map(String::trim).toList();
        var index = new HashMap<String, Integer>();
        for (int i = 0; i < header.size(); i++) {
            var column = header.get(i);
            if (!COLUMNS.contains(column)) {
                errors.add(new RowError(0, shorten(column), "Unknown column; the columns are "
                        + String.join(", ", COLUMNS) + " (the first line names them)."));
            } else if (index.put(column, i) != null) {
                errors.add(new RowError(0, column, "The column appears twice."));
            }
        }
        for (var required : COLUMNS) {
            if (REQUIRED.contains(required) && !index.containsKey(required)) {
                errors.add(new RowError(0, required, "The required column is missing from the first line."));
            }
        }
        if (!errors.isEmpty()) {
            return List.of();
        }
        var rows = new ArrayList<BulkRow>();
        for (int r = 1; r < records.size() && r <= MAX_ROWS; r++) {
            var fields = records.get(r);
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue; // a blank line, typically the last one
            }
            var row = rows.size() + 1;
            if (fields.size() != header.size()) {
                errors.add(new RowError(row, null, "Line " + lineOf.get(r) + " has " + fields.size()
                        + " fields; the header has " + header.size() + "."));
                rows.add(new BulkRow(row, null, null, null, null, null));
                continue;
            }
            var values = new HashMap<String, String>();
            index.forEach((column, i) -> values.put(column, fields.get(i)));
            rows.add(row(row, values, errors));
        }
        if (records.size() - 1 > MAX_ROWS) {
            rows.add(new BulkRow(MAX_ROWS + 1, null, null, null, null, null)); // over the limit: parse() refuses
        }
        return rows;
    }

    private static BulkRow row(int row, Map<String, String> values, List<RowError> errors) {
        for (var entry : values.entrySet()) {
            if (entry.getValue() != null && entry.getValue().length() > MAX_FIELD) {
                errors.add(new RowError(row, entry.getKey(), "Longer than " + MAX_FIELD + " characters."));
                entry.setValue(entry.getValue().substring(0, MAX_FIELD));
            }
        }
        return new BulkRow(row, trim(values.get("slug")), trim(values.get("displayName")),
                trim(values.get("contactEmail")), blankToNull(values.get("firstAdmin")), blankToNull(values.get("like")));
    }

    /** RFC 4180 records; false (with an error) when the file's quoting is broken. */
    private static boolean records(String text, List<List<String>> records, List<Integer> lineOf,
                                   List<RowError> errors) {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        var quoted = false;
        var afterQuote = false;
        var line = 1;
        var recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                records.add(List.copyOf(fields));
                lineOf.add(recordLine);
                fields.clear();
                field.setLength(0);
                afterQuote = false;
                line++;
                recordLine = line;
                if (records.size() > MAX_ROWS + 1) {
                    return true;
                }
            } else if (afterQuote) {
                errors.add(new RowError(0, null, "Line " + line + ": nothing may follow a closing quote but a comma "
                        + "or the end of the line."));
                return false;
            } else if (c == '"') {
                if (field.length() > 0) {
                    errors.add(new RowError(0, null, "Line " + line + ": a quote inside an unquoted field; quote the "
                            + "whole field and double the quote."));
                    return false;
                }
                quoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            errors.add(new RowError(0, null, "Line " + recordLine + ": a quoted field is never closed."));
            return false;
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(List.copyOf(fields));
            lineOf.add(recordLine);
        }
        return true;
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "…";
    }
}
