package io.concierge.bundles.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The bundle's JSON Schema (schemas/bundle-v1.json, served with the API) checked by networknt's validator. The
 * branding area's own schema is referenced by its id and resolved from the classpath, never fetched: a schema
 * registry only knows the two files given here.
 */
@Component
public class BundleSchema {

    public static final String RESOURCE = "schemas/bundle-v1.json";
    static final String BRANDING_ID = "https://concierge.example/schemas/branding.schema.json";
    private static final String BRANDING_RESOURCE = "themes/branding.schema.json";
    private static final int MAX_PROBLEMS = 50;

    private final String text;
    private final Schema schema;

    BundleSchema() {
        text = read(RESOURCE);
        var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(BRANDING_ID, read(BRANDING_RESOURCE)))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));
        try {
            schema = registry.getSchema(new ObjectMapper().readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundle schema " + RESOURCE + " is not JSON", e);
        }
    }

    /** The schema document as published. */
    public String text() {
        return text;
    }

    /** Every violation (at most 50), each "path: message", the path in JSON Path form ("$.areas.access.roles[0]"). */
    public List<String> violations(JsonNode document) {
        return schema.validate(document).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .distinct().limit(MAX_PROBLEMS).toList();
    }

    private static String read(String resource) {
        try (var in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " is missing from the classpath", e);
        }
    }
}
