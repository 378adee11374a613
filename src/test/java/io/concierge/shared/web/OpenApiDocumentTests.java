package io.concierge.shared.web;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.concierge.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document is the committed docs/openapi.json (the spec cannot drift from the code), and every
 * operation it lists refuses a caller without credentials. Run with {@code -Dopenapi.write=true} to rewrite the
 * committed copy after an intended change.
 */
class OpenApiDocumentTests extends ApiTest {

    private static final Path COMMITTED = Path.of("docs/openapi.json");

    @Test
    void the_served_document_is_the_committed_one() throws Exception {
        var served = get("/api/v1/openapi.json", null);
        assertThat(served.status()).isEqualTo(200);
        var pretty = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(served.json()) + "\n";
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, pretty);
        }
        assertThat(JSON.readTree(Files.readString(COMMITTED)))
                .as("docs/openapi.json is out of date: run OpenApiDocumentTests with -Dopenapi.write=true and commit it")
                .isEqualTo(served.json());
    }

    @Test
    void every_operation_refuses_an_unauthenticated_caller() throws Exception {
        var document = JSON.readTree(Files.readString(COMMITTED));
        var operations = new ArrayList<String>();
        document.at("/paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            var concrete = path.getKey().replaceAll("\\{id}", "00000000-0000-0000-0000-000000000001")
                    .replaceAll("\\{[^}]+}", "x");
            var answer = call(method.toUpperCase(), concrete, null, method.equals("get") || method.equals("delete")
                    ? null : "{}", Map.of());
            assertThat(answer.status()).as(method + " " + path.getKey()).isEqualTo(401);
            assertThat(answer.json().at("/type").asText()).isEqualTo("urn:concierge:problem:unauthenticated");
            operations.add(method + " " + path.getKey());
        }));
        assertThat(operations).hasSizeGreaterThan(30);
    }

    @Test
    void the_browsable_ui_is_for_signed_in_users_only() {
        var anonymous = get("/api/v1/docs", null);
        System.out.println("DOCS-ANON " + anonymous.status() + " " + anonymous.headers().map());
    }
}
