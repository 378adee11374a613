package io.concierge.bundles.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.bundles.Bundle;
import io.concierge.bundles.BundleRejectedException;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The bundle document's JSON form. Reading is strict, since an uploaded bundle is hostile: bounded size and
 * nesting, no duplicate keys, nothing after the document; then the JSON Schema. Writing puts every area's
 * content as the store keeps it (keys sorted) and the policies in area order, so equal configurations give equal
 * documents.
 */
public final class BundleDocuments {

    public static final String FORMAT = "concierge-bundle";
    public static final int FORMAT_VERSION = 1;
    /** Two images at their largest (about 700 KB and 90 KB of base64), rules and 200 roles fit well within this. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    private static final String SCHEMA_ID = "https://concierge.example/api/v1/schemas/bundle-v1.json";

    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final ObjectMapper WRITER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    static {
        READER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(MAX_BYTES).maxNumberLength(40).build());
    }

    private BundleDocuments() {
    }

    /**
     * Parses and schema-checks a document; every problem names its JSON path. The areas' contents are as the
     * document has them (canonical JSON), not yet checked by each area.
     */
    public static Bundle read(String json, BundleSchema schema) {
        if (json == null || json.isBlank()) {
            throw new BundleRejectedException(List.of("$: the document is empty"));
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new BundleRejectedException(List.of("$: the document is larger than " + MAX_BYTES / 1024
                    + " KB"));
        }
        JsonNode document;
        try {
            document = READER.readTree(json);
        } catch (JsonProcessingException e) {
            var where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new BundleRejectedException(List.of("$: not valid JSON" + where + ": " + e.getOriginalMessage()));
        }
        var problems = schema.violations(document);
        if (!problems.isEmpty()) {
            throw new BundleRejectedException(problems);
        }
        var areas = new EnumMap<ConfigArea, String>(ConfigArea.class);
        var policies = new EnumMap<ConfigArea, Integer>(ConfigArea.class);
        for (var area : ConfigArea.values()) {
            var content = document.path("areas").path(area.key());
            if (content.isObject()) {
                areas.put(area, ConfigurationStore.canonical(content.toString()));
            }
            var approvals = document.path("policies").path(area.key());
            if (approvals.isNumber()) { // the schema allows integers 0 to 3 only (1.0 is one)
                policies.put(area, approvals.asInt());
            }
        }
        var tenant = document.path("source").path("tenant");
        return new Bundle(tenant.isTextual() ? tenant.asText() : null, areas, policies);
    }

    /** The document of a bundle (areas as stored JSON) and, when exported, when and at which versions. */
    public static String write(Bundle bundle, Instant exportedAt, Map<ConfigArea, Long> versions) {
        try {
            var root = WRITER.createObjectNode();
            root.put("$schema", SCHEMA_ID);
            root.put("format", FORMAT);
            root.put("formatVersion", FORMAT_VERSION);
            if (bundle.sourceTenant() != null) {
                var source = root.putObject("source");
                source.put("tenant", bundle.sourceTenant());
                if (exportedAt != null) {
                    source.put("exportedAt", exportedAt.toString());
                }
                var v = source.putObject("versions");
                versions.forEach((area, version) -> v.put(area.key(), version));
            }
            if (!bundle.policies().isEmpty()) {
                var policies = root.putObject("policies");
                bundle.policies().forEach((area, approvals) -> policies.put(area.key(), approvals));
            }
            ObjectNode areas = root.putObject("areas");
            for (var entry : bundle.areas().entrySet()) {
                areas.set(entry.getKey().key(), READER.readTree(ConfigurationStore.canonical(entry.getValue())));
            }
            return WRITER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a bundle", e);
        }
    }
}
