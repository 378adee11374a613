package io.concierge.branding.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.concierge.branding.Branding;
import io.concierge.shared.InvalidValueException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Branding to and from its stored JSON document, checked against themes/branding.schema.json both ways. */
@Component
public class BrandingDocuments {

    public static final String SCHEMA = "themes/branding.schema.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private final JsonSchemaCheck schema;

    BrandingDocuments() {
        try {
            schema = JsonSchemaCheck.load(new ClassPathResource(SCHEMA).getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("the branding schema " + SCHEMA + " is missing from the classpath", e);
        }
    }

    public String toJson(Branding branding) {
        try {
            var json = JSON.writeValueAsString(branding);
            requireValid(json);
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write branding", e);
        }
    }

    public Branding fromJson(String json) {
        requireValid(json);
        try {
            return JSON.readValue(json, Branding.class);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("Branding document cannot be read: " + e.getOriginalMessage());
        }
    }

    /** Throws when the document breaks the schema; the message lists every violation. */
    public void requireValid(String json) {
        var problems = violations(json);
        if (!problems.isEmpty()) {
            throw new InvalidValueException("Branding document does not match " + SCHEMA + ": "
                    + String.join("; ", problems));
        }
    }

    public List<String> violations(String json) {
        try {
            return schema.violations(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return List.of("$: not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
