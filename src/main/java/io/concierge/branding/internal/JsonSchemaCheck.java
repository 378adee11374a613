package io.concierge.branding.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks JSON against a JSON Schema (2020-12) that uses only the keywords below. It interprets the schema file
 * itself, so the file stays the one description of the format; a keyword it does not know fails loudly instead
 * of being ignored, which keeps schema and check from drifting apart. No schema library is on the classpath and
 * this small subset does not justify adding one.
 */
public final class JsonSchemaCheck {

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "$comment",
            "$defs");
    private static final Set<String> SUPPORTED = Set.of("type", "required", "properties", "additionalProperties",
            "enum", "const", "pattern", "minLength", "maxLength", "$ref");

    private final JsonNode schema;

    private JsonSchemaCheck(JsonNode schema) {
        this.schema = schema;
    }

    public static JsonSchemaCheck load(InputStream schemaFile) {
        try (schemaFile) {
            return new JsonSchemaCheck(new ObjectMapper().readTree(schemaFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON schema", e);
        }
    }

    /** Every violation, as "path: problem"; empty when the document is valid. */
    public List<String> violations(JsonNode document) {
        var problems = new ArrayList<String>();
        check(schema, document, "$", problems);
        return problems;
    }

    private void check(JsonNode rule, JsonNode value, String path, List<String> problems) {
        for (var names = rule.fieldNames(); names.hasNext(); ) {
            var keyword = names.next();
            if (!ANNOTATIONS.contains(keyword) && !SUPPORTED.contains(keyword)) {
                throw new IllegalStateException("JSON schema keyword '" + keyword + "' is not supported by "
                        + getClass().getSimpleName());
            }
        }
        if (rule.has("$ref")) {
            check(resolve(rule.get("$ref").asText()), value, path, problems);
        }
        if (rule.has("const") && !rule.get("const").equals(value)) {
            problems.add(path + ": must be " + rule.get("const"));
        }
        if (rule.has("enum") && !contains(rule.get("enum"), value)) {
            problems.add(path + ": must be one of " + rule.get("enum"));
        }
        if (rule.has("type") && !hasType(value, rule.get("type").asText())) {
            problems.add(path + ": must be of type " + rule.get("type").asText());
            return;
        }
        if (value.isTextual()) {
            checkText(rule, value.asText(), path, problems);
        }
        if (value.isObject()) {
            checkObject(rule, value, path, problems);
        }
    }

    private void checkText(JsonNode rule, String text, String path, List<String> problems) {
        var length = text.codePointCount(0, text.length());
        if (rule.has("minLength") && length < rule.get("minLength").asInt()) {
            problems.add(path + ": must have at least " + rule.get("minLength").asInt() + " characters");
        }
        if (rule.has("maxLength") && length > rule.get("maxLength").asInt()) {
            problems.add(path + ": must have at most " + rule.get("maxLength").asInt() + " characters");
        }
        if (rule.has("pattern") && !Pattern.compile(rule.get("pattern").asText()).matcher(text).find()) {
            problems.add(path + ": does not match " + rule.get("pattern").asText());
        }
    }

    private void checkObject(JsonNode rule, JsonNode object, String path, List<String> problems) {
        if (rule.has("required")) {
            for (var name : rule.get("required")) {
                if (!object.has(name.asText())) {
                    problems.add(path + ": property '" + name.asText() + "' is required");
                }
            }
        }
        var properties = rule.path("properties");
        for (var names = object.fieldNames(); names.hasNext(); ) {
            var name = names.next();
            if (properties.has(name)) {
                check(properties.get(name), object.get(name), path + "." + name, problems);
            } else if (rule.has("additionalProperties") && !rule.get("additionalProperties").asBoolean(true)) {
                problems.add(path + ": property '" + name + "' is not allowed");
            }
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("only local $ref is supported, not " + ref);
        }
        var target = schema.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("$ref " + ref + " points nowhere");
        }
        return target;
    }

    private static boolean contains(JsonNode options, JsonNode value) {
        for (var option : options) {
            if (option.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalStateException("unknown JSON schema type " + type);
        };
    }
}
