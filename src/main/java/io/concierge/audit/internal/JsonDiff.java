package io.concierge.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.concierge.audit.FieldChange;
import io.concierge.audit.FieldChange.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A field-by-field difference of two JSON documents: both are flattened to leaf paths ({@code colors.primary},
 * {@code limits[0]}) and compared. Array elements that are objects with a string {@code key} (roles) are
 * addressed by that key ({@code roles[key=investor].scopes[0]}), so inserting one role does not show every
 * later role as changed.
 */
public final class JsonDiff {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private JsonDiff() {
    }

    public static List<FieldChange> diff(String before, String after) {
        var left = flatten(before);
        var right = flatten(after);
        var paths = new TreeSet<String>();
        paths.addAll(left.keySet());
        paths.addAll(right.keySet());
        var changes = new ArrayList<FieldChange>();
        for (var path : paths) {
            var b = left.get(path);
            var a = right.get(path);
            if (b == null) {
                changes.add(new FieldChange(path, Kind.ADDED, null, a));
            } else if (a == null) {
                changes.add(new FieldChange(path, Kind.REMOVED, b, null));
            } else if (!a.equals(b)) {
                changes.add(new FieldChange(path, Kind.CHANGED, b, a));
            }
        }
        return changes;
    }

    static Map<String, String> flatten(String json) {
        var leaves = new TreeMap<String, String>();
        if (json == null || json.isBlank()) {
            return leaves;
        }
        try {
            flatten("", JSON.readTree(json), leaves);
        } catch (JsonProcessingException e) {
            leaves.put("(content)", json);
        }
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
        if (node.isObject() && !node.isEmpty()) {
            node.properties().forEach(f -> flatten(path.isEmpty() ? f.getKey() : path + "." + f.getKey(),
                    f.getValue(), leaves));
        } else if (node.isArray() && !node.isEmpty()) {
            var keyed = true;
            for (var element : node) {
                keyed &= element.isObject() && element.path("key").isTextual();
            }
            for (int i = 0; i < node.size(); i++) {
                var element = node.get(i);
                flatten(path + (keyed ? "[key=" + element.get("key").textValue() + "]" : "[" + i + "]"), element,
                        leaves);
            }
        } else {
            leaves.put(path.isEmpty() ? "(value)" : path, node.isTextual() ? node.textValue() : node.toString());
        }
    }
}
