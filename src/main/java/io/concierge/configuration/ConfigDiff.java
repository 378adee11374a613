package io.concierge.configuration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A field-by-field diff of two JSON contents, for content no area can describe in its own words (see
 * {@link AreaDefinition#changes}), such as a tenant's lifecycle record in the audit history. Arrays are compared
 * the way people think of them: objects that carry a {@code "key"} are matched by key (a role is a thing, not a
 * position), arrays of plain values as sets (each added or removed value is one change). Anything else is
 * compared by position.
 */
public final class ConfigDiff {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigDiff() {
    }

    /** The changes that turn {@code before} into {@code after}; null or blank JSON counts as nothing. */
    public static List<FieldChange> between(String before, String after) {
        var changes = new ArrayList<FieldChange>();
        compare("", parse(before), parse(after), changes);
        return changes;
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<FieldChange> out) {
        if (a.equals(b)) {
            return;
        }
        if (isObjectOrMissing(a) && isObjectOrMissing(b) && (a.isObject() || b.isObject())) {
            var names = new TreeSet<String>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (var name : names) {
                compare(path.isEmpty() ? name : path + "." + name, a.path(name), b.path(name), out);
            }
        } else if (isArrayOrMissing(a) && isArrayOrMissing(b) && (a.isArray() || b.isArray())) {
            compareArrays(path, a, b, out);
        } else {
            out.add(new FieldChange(path, text(a), text(b)));
        }
    }

    private static void compareArrays(String path, JsonNode a, JsonNode b, List<FieldChange> out) {
        if (allKeyed(a) && allKeyed(b)) {
            var before = byKey(a);
            var after = byKey(b);
            var keys = new LinkedHashSet<>(before.keySet());
            keys.addAll(after.keySet());
            for (var key : keys) {
                compare(path + "[" + key + "]", before.getOrDefault(key, MissingNode.getInstance()),
                        after.getOrDefault(key, MissingNode.getInstance()), out);
            }
        } else if (allScalar(a) && allScalar(b)) {
            var before = new LinkedHashSet<String>();
            a.forEach(v -> before.add(v.asText()));
            var after = new LinkedHashSet<String>();
            b.forEach(v -> after.add(v.asText()));
            before.stream().filter(v -> !after.contains(v)).forEach(v -> out.add(new FieldChange(path, v, null)));
            after.stream().filter(v -> !before.contains(v)).forEach(v -> out.add(new FieldChange(path, null, v)));
        } else {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                compare(path + "[" + i + "]", a.path(i), b.path(i), out);
            }
        }
    }

    private static boolean isObjectOrMissing(JsonNode node) {
        return node.isObject() || node.isMissingNode();
    }

    private static boolean isArrayOrMissing(JsonNode node) {
        return node.isArray() || node.isMissingNode();
    }

    private static boolean allKeyed(JsonNode array) {
        for (var element : array) {
            if (!element.isObject() || !element.path("key").isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allScalar(JsonNode array) {
        for (var element : array) {
            if (!element.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> byKey(JsonNode array) {
        var result = new LinkedHashMap<String, JsonNode>();
        array.forEach(element -> result.put(element.path("key").asText(), element));
        return result;
    }

    /** Strings as they are (no quotes), other values as compact JSON, absent as null. */
    private static String text(JsonNode node) {
        if (node.isMissingNode()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }
}
