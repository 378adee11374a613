package io.concierge.branding;

import io.concierge.branding.internal.BrandingDocuments;
import io.concierge.branding.internal.BrandingValidator;
import io.concierge.branding.internal.JsonSchemaCheck;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every preset in the top-level themes/ folder, checked as shipped: schema, contrast, safe logo. */
class BrandingPresetTests {

    private static final Path THEMES = Path.of("themes");

    private final JsonSchemaCheck schema = loadSchema();
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void there_are_at_least_three_presets_each_with_tokens_and_a_logo() throws IOException {
        assertThat(presetFolders()).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(folder -> {
                    assertThat(folder.resolve("preset.json")).isRegularFile();
                    assertThat(folder.resolve("logo.svg")).isRegularFile();
                });
    }

    @Test
    void every_preset_satisfies_the_schema_and_the_branding_rules_including_contrast() throws IOException {
        for (var folder : presetFolders()) {
            var text = Files.readString(folder.resolve("preset.json"));
            assertThat(schema.violations(json.readTree(text))).as(folder + " against the schema").isEmpty();
            var preset = json.readValue(text, Branding.class)
                    .withLogo(io.concierge.branding.internal.ImageInspector.inspect(ImageKind.LOGO,
                            Files.readAllBytes(folder.resolve("logo.svg"))));
            assertThat(Contrast.withWhiteText(preset.primaryColor())).as(folder + " primary").isGreaterThanOrEqualTo(4.5);
            assertThat(Contrast.withWhiteText(preset.accentColor())).as(folder + " accent").isGreaterThanOrEqualTo(4.5);
            var validated = BrandingValidator.validate(preset);
            var document = json.writeValueAsString(validated);
            assertThat(schema.violations(json.readTree(document))).as(folder + " with its logo embedded").isEmpty();
        }
    }

    @Test
    void the_schema_check_catches_what_the_schema_forbids() throws IOException {
        var broken = "{\"schemaVersion\":2,\"displayName\":\"\",\"primaryColor\":\"red\",\"secondaryColor\":\"#123456\","
                + "\"accentColor\":\"#123456\",\"fontFamily\":\"comic-sans\",\"cornerStyle\":\"sharp\","
                + "\"defaultMode\":\"light\",\"extra\":true,\"logo\":{\"mediaType\":\"image/gif\",\"data\":\"AAAA\"}}";
        assertThat(schema.violations(json.readTree(broken))).containsExactlyInAnyOrder(
                "$.schemaVersion: must be 1",
                "$.displayName: must have at least 1 characters",
                "$.primaryColor: does not match ^#[0-9A-F]{6}$",
                "$.fontFamily: must be one of [\"inter\",\"roboto\",\"open-sans\",\"lato\",\"merriweather\",\"system\"]",
                "$: property 'extra' is not allowed",
                "$.logo.mediaType: must be one of [\"image/png\",\"image/jpeg\",\"image/svg+xml\"]");
        assertThat(schema.violations(json.readTree("{}"))).contains("$: property 'displayName' is required");
    }

    @Test
    void the_runtime_copy_of_the_schema_is_the_one_in_themes() throws IOException {
        var onClasspath = getClass().getClassLoader().getResourceAsStream(BrandingDocuments.SCHEMA);
        assertThat(onClasspath).as("themes/ is packaged as a resource").isNotNull();
        try (onClasspath) {
            assertThat(new String(onClasspath.readAllBytes())).isEqualTo(Files.readString(THEMES.resolve("branding.schema.json")));
        }
    }

    @Test
    void an_unknown_schema_keyword_fails_loudly_instead_of_being_ignored() {
        var check = JsonSchemaCheck.load(new java.io.ByteArrayInputStream("{\"minimum\": 3}".getBytes()));
        assertThatThrownBy(() -> check.violations(json.readTree("5"))).hasMessageContaining("'minimum' is not supported");
    }

    private static Stream<Path> folders() throws IOException {
        return Files.list(THEMES).filter(Files::isDirectory).sorted();
    }

    private static java.util.List<Path> presetFolders() throws IOException {
        try (var stream = folders()) {
            return stream.toList();
        }
    }

    private static JsonSchemaCheck loadSchema() {
        try {
            return JsonSchemaCheck.load(Files.newInputStream(THEMES.resolve("branding.schema.json")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
