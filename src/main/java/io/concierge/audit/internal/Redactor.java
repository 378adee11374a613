package io.concierge.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Makes configuration content safe and small enough for the audit history: values under secret-looking keys
 * become {@value #REDACTED}, and embedded files (data URIs such as a base64 logo, or long bare base64) become
 * a short marker with their size and a SHA-256 prefix, so a changed logo still shows as a change.
 */
final class Redactor {

    static final String REDACTED = "[redacted]";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    private static final Pattern SECRET_KEY = Pattern.compile("password|passwd|secret|token|apikey|credential|privatekey");
    private static final Pattern DATA_URI = Pattern.compile("data:([^;,]*)(;[^,]*)?,(.*)", Pattern.DOTALL);
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]+");
    private static final int LONG_DATA_URI = 100;
    private static final int LONG_BASE64 = 512;

    private Redactor() {
    }

    /** The content with secrets and embedded files replaced; null stays null. */
    static String redact(String json) {
        if (json == null) {
            return null;
        }
        try {
            var tree = JSON.readTree(json);
            var clean = walk(tree);
            return JSON.writeValueAsString(JSON.treeToValue(clean, Object.class));
        } catch (JsonProcessingException e) {
            // content that is not JSON is never stored as configuration; keep no part of it
            return "{\"unreadable\":" + JSON.getNodeFactory().textNode(marker("text", json)) + "}";
        }
    }

    private static JsonNode walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            var names = new ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (var name : names) {
                var value = object.get(name);
                object.set(name, isSecret(name) && !value.isNull() ? TextNode.valueOf(REDACTED) : walk(value));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(array.get(i)));
            }
            return array;
        }
        if (node.isTextual()) {
            var text = node.textValue();
            var uri = DATA_URI.matcher(text);
            if (text.length() > LONG_DATA_URI && uri.matches()) {
                return TextNode.valueOf(marker("data URI " + (uri.group(1).isEmpty() ? "" : uri.group(1)), text));
            }
            if (text.length() >= LONG_BASE64 && BASE64.matcher(text).matches()) {
                return TextNode.valueOf(marker("base64", text));
            }
        }
        return node;
    }

    private static boolean isSecret(String key) {
        var normalised = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return SECRET_KEY.matcher(normalised).find();
    }

    private static String marker(String kind, String text) {
        return "[" + kind.trim() + ", " + text.length() + " characters, sha256:"
                + EntryHasher.sha256(text).substring(0, 12) + "]";
    }
}
