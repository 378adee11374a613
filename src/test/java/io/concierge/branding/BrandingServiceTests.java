package io.concierge.branding;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.branding.internal.BrandingDocuments;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.FieldChange;
import io.concierge.configuration.ConfigArea;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.util.Arrays;
import java.util.List;

import static io.concierge.branding.BrandingTestData.SAFE_SVG;
import static io.concierge.branding.BrandingTestData.png;
import static io.concierge.branding.BrandingTestData.svg;
import static io.concierge.branding.BrandingTestData.valid;
import static io.concierge.branding.BrandingTestData.withColors;
import static io.concierge.branding.BrandingTestData.withContacts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrandingServiceTests extends IntegrationTest {

    @Autowired
    BrandingService branding;
    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;
    @Autowired
    BrandingDocuments documents;

    TenantId tenant;
    TenantSlug slug;

    @BeforeEach
    void aTenant() {
        signIn(OPERATOR);
        var created = tenants.register(new NewTenant(uniqueSlug("brand"), "Brand Partner", "ops@brand.example", null))
                .tenant();
        tenant = created.id();
        slug = created.slug();
    }

    @Test
    void a_tenant_without_branding_opens_on_an_unsaved_starting_point() {
        var snapshot = branding.open(slug.value()).orElseThrow();
        assertThat(snapshot.saved()).isFalse();
        assertThat(snapshot.versionNumber()).isZero();
        assertThat(snapshot.content().displayName()).isEqualTo("Brand Partner");
        assertThat(snapshot.content().logo()).as("the default preset's logo").isNotNull();
        assertThat(branding.history(tenant)).isEmpty();
    }

    @Test
    void each_save_is_a_new_version_and_the_old_one_can_be_restored() {
        var first = branding.save(tenant, 0, valid("First"), "initial brand");
        var second = branding.save(tenant, first.version(), valid("Second"), "renamed");
        assertThat(second.version()).isEqualTo(2);
        assertThat(branding.current(tenant).orElseThrow().displayName()).isEqualTo("Second");

        var restored = branding.restore(tenant, 1, 2, "back to the first name");
        assertThat(restored.version()).isEqualTo(3);
        assertThat(restored.restoredFrom()).isEqualTo(1L);
        assertThat(branding.current(tenant).orElseThrow().displayName()).isEqualTo("First");
        assertThat(branding.history(tenant)).extracting(v -> v.version()).containsExactly(3L, 2L, 1L);
    }

    @Test
    void the_stored_document_matches_the_schema_and_carries_images_as_base64() throws Exception {
        var logo = branding.inspectImage(ImageKind.LOGO, svg(SAFE_SVG));
        var favicon = branding.inspectImage(ImageKind.FAVICON, png(32, 32));
        branding.save(tenant, 0, valid("Imaged").withLogo(logo).withFavicon(favicon), "images");
        var json = store.current(tenant, ConfigArea.BRANDING).orElseThrow().content();
        assertThat(documents.violations(json)).isEmpty();
        var tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(tree.at("/logo/mediaType").asText()).isEqualTo("image/svg+xml");
        assertThat(tree.at("/favicon/mediaType").asText()).isEqualTo("image/png");
        var loaded = branding.current(tenant).orElseThrow();
        assertThat(loaded.logo().bytes()).isEqualTo(svg(SAFE_SVG));
        assertThat(loaded.favicon().mediaType()).isEqualTo("image/png");
    }

    @Test
    void a_save_on_a_stale_version_is_a_conflict_and_writes_nothing() {
        branding.save(tenant, 0, valid("Mine"), "first");
        branding.save(tenant, 1, valid("Theirs"), "someone else");
        assertThatThrownBy(() -> branding.save(tenant, 1, valid("Stale"), "late"))
                .isInstanceOf(ConfigurationConflictException.class)
                .hasMessageContaining("since you opened it");
        assertThat(branding.current(tenant).orElseThrow().displayName()).isEqualTo("Theirs");
    }

    @Test
    void a_partner_admin_edits_their_own_branding_but_not_another_tenants() {
        var other = tenants.register(new NewTenant(uniqueSlug("other"), "Other", "ops@other.example", null)).tenant();
        signIn(partnerAdmin(tenant, slug));
        assertThat(branding.open(slug.value()).orElseThrow().editability().editable()).isTrue();
        branding.save(tenant, 0, valid("Own"), "our brand");

        assertThatThrownBy(() -> branding.open(other.slug().value())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> branding.save(other.id(), 0, valid("Hijack"), "x"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> branding.history(other.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> branding.current(other.id())).isInstanceOf(AccessDeniedException.class);
        signIn(OPERATOR);
        assertThat(branding.current(other.id())).isEmpty();
    }

    @Test
    void an_auditor_reads_branding_but_cannot_save_or_restore() {
        branding.save(tenant, 0, valid("Audited"), "first");
        signIn(AUDITOR);
        var snapshot = branding.open(slug.value()).orElseThrow();
        assertThat(snapshot.editability().editable()).isFalse();
        assertThat(branding.history(tenant)).hasSize(1);
        assertThatThrownBy(() -> branding.save(tenant, 1, valid("Changed"), "x"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> branding.restore(tenant, 1, 1, "x")).isInstanceOf(AccessDeniedException.class);
        signIn(OPERATOR);
        assertThat(branding.history(tenant)).hasSize(1);
    }

    @Test
    void a_comment_is_required() {
        assertThatThrownBy(() -> branding.save(tenant, 0, valid("No comment"), "  "))
                .hasMessageContaining("comment");
        assertThat(branding.history(tenant)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"red", "#fff", "#GGGGGG", "rgb(10, 20, 30)", "#12345678", "1A4D8F", "#1A4D8", ""})
    void colour_strings_that_are_not_rrggbb_are_refused_with_a_specific_message(String colour) {
        assertThatThrownBy(() -> branding.save(tenant, 0, withColors(valid("C"), colour, "#B5522B"), "c"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("primaryColor");
                    assertThat(e.getMessage()).startsWith("Primary colour").contains("#RRGGBB");
                });
        assertThat(branding.history(tenant)).isEmpty();
    }

    @Test
    void each_kind_of_bad_colour_gets_its_own_explanation() {
        assertThat(message(() -> branding.checkColor("c", "Colour", "red"))).contains("not a hex colour");
        assertThat(message(() -> branding.checkColor("c", "Colour", "#fff"))).contains("short form");
        assertThat(message(() -> branding.checkColor("c", "Colour", "#GGGGGG"))).contains("not hex digits");
        assertThat(message(() -> branding.checkColor("c", "Colour", "rgb(1,2,3)"))).contains("rgb()");
        assertThat(message(() -> branding.checkColor("c", "Colour", "#12345678"))).contains("alpha channel");
        assertThat(branding.checkColor("c", "Colour", " #1a4d8f ")).isEqualTo("#1A4D8F");
    }

    @Test
    void low_contrast_is_refused_with_the_ratio_and_the_nearest_passing_shade() {
        var e = catchInvalid(() -> branding.save(tenant, 0, withColors(valid("Pale"), "#4A90E2", "#B5522B"),
                "pale blue"));
        assertThat(e.field()).isEqualTo("primaryColor");
        assertThat(e.getMessage()).contains("3.2:1", "4.5:1")
                .as("dark text passes on it as it is").endsWith(", or keep it with dark text.");
        var suggestion = e.getMessage().replaceAll(".*Nearest passing shade: (#[0-9A-F]{6}), .*$", "$1");
        assertThat(Contrast.withWhiteText(suggestion)).isGreaterThanOrEqualTo(4.5);
        assertThat(Contrast.withWhiteText(Contrast.fromHsl(Contrast.toHsl(suggestion)[0],
                Contrast.toHsl(suggestion)[1], Contrast.toHsl(suggestion)[2] + 0.02)))
                .as("a visibly lighter shade of the suggestion fails: the suggestion is the nearest").isLessThan(4.5);
        assertThat(Math.abs(Contrast.toHsl(suggestion)[0] - Contrast.toHsl("#4A90E2")[0])).as("same hue")
                .isLessThan(2.0);

        var accent = catchInvalid(() -> branding.save(tenant, 0, withColors(valid("Gold"), "#1A4D8F", "#C9A227"),
                "gold accent"));
        assertThat(accent.field()).isEqualTo("accentColor");
        assertThat(accent.getMessage()).contains("2.4:1");
        assertThat(branding.history(tenant)).isEmpty();
    }

    @Test
    void names_and_contacts_are_checked() {
        var longName = "x".repeat(10_000);
        assertThat(catchInvalid(() -> branding.save(tenant, 0, valid(longName), "c")).getMessage())
                .isEqualTo("Display name must be at most 60 characters (it has 10000).");
        assertThat(catchInvalid(() -> branding.save(tenant, 0, valid(" "), "c")).getMessage())
                .isEqualTo("Display name is required.");
        assertThat(catchInvalid(() -> branding.save(tenant, 0,
                withContacts(valid("U"), null, "http://help.example"), "c")).getMessage()).contains("https://");
        assertThat(catchInvalid(() -> branding.save(tenant, 0,
                withContacts(valid("U"), null, "javascript:alert(1)"), "c")).getMessage()).contains("https://");
        assertThat(catchInvalid(() -> branding.save(tenant, 0,
                withContacts(valid("U"), "not-an-email", null), "c")).field()).isEqualTo("supportEmail");
        var script = catchInvalid(() -> branding.save(tenant, 0,
                withContacts(valid("U"), "<script>alert(1)</script>@evil.example", null), "c"));
        assertThat(script.field()).isEqualTo("supportEmail");
        assertThat(script.getMessage()).startsWith("Support email '<script>alert(1)</script>@evil.example' is not a "
                + "valid address");
        var bidi = catchInvalid(() -> branding.save(tenant, 0, valid("Bank\u202Ekcab"), "c"));
        assertThat(bidi.field()).isEqualTo("displayName");
        assertThat(bidi.getMessage()).contains("invisible text-direction characters");
        assertThat(catchInvalid(() -> branding.save(tenant, 0, valid("Bank"), "fine\u2067 comment")).field())
                .isEqualTo("comment");
        var longUrl = "https://help.example/" + "a".repeat(10_000);
        assertThat(catchInvalid(() -> branding.save(tenant, 0, withContacts(valid("U"), null, longUrl), "c"))
                .getMessage()).contains("at most 200 characters");
        assertThat(branding.history(tenant)).isEmpty();
    }

    @Test
    void svg_with_a_script_is_refused() {
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
                "<script>");
    }

    @Test
    void svg_with_an_event_handler_is_refused() {
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
                "event handlers");
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect ONCLICK=\"x()\"/></svg>"),
                "event handlers");
    }

    @Test
    void svg_with_an_external_reference_is_refused() {
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "xmlns:xlink=\"http://www.w3.org/1999/xlink\"><image xlink:href=\"https://evil.example/x.png\"/></svg>"),
                "external resources");
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><use href=\"other.svg#a\"/></svg>"),
                "external resources");
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\">"
                + "<rect style=\"fill: url('https://evil.example/p')\"/></svg>"), "style attributes");
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\">"
                + "<rect fill=\"url('https://evil.example/p')\"/></svg>"), "external resources");
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:alert(1)\">"
                + "<rect/></a></svg>"), "links (<a> elements)");
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><use href=\" JavaScript:alert(1)\"/>"
                + "</svg>"), "javascript: links");
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><div/>"
                + "</foreignObject></svg>"), "foreignObject");
    }

    @Test
    void svg_with_a_doctype_or_entity_is_refused_so_xxe_cannot_happen() {
        var xxe = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&xxe;</text></svg>";
        assertRefused(ImageKind.LOGO, svg(xxe), "DOCTYPE");
        var lowerCaseTrick = "<?xml version=\"1.0\"?><!doctype svg SYSTEM \"http://evil.example/x.dtd\">"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assertRefused(ImageKind.LOGO, svg(lowerCaseTrick), "DOCTYPE");
        var billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&b;</text></svg>";
        assertRefused(ImageKind.LOGO, svg(billionLaughs), "DOCTYPE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            CSS image-set in a style element        | <style>rect{fill:image-set("http://evil.example/x.png" 1x)}</style> | <style> elements
            plain url() in a style element          | <style>rect{fill:url(http://evil.example/x)}</style>                | <style> elements
            CSS-escaped url in a style element      | <style>rect{fill:u\\72l(http://evil.example/x)}</style>             | <style> elements
            escaped @import in a style element      | <style>@\\69mport 'http://evil.example/x.css';</style>               | <style> elements
            plain @import in a style element        | <style>@import 'http://evil.example/x.css';</style>                 | <style> elements
            CSS image-set in a style attribute      | <rect style='fill:image-set("http://evil.example/x.png" 1x)'/>      | style attributes
            CSS-escaped url in a style attribute    | <rect style='fill:u\\72l(http://evil.example/x)'/>                  | style attributes
            image-set in a presentation attribute   | <rect fill='image-set("http://evil.example/x.png" 1x)'/>            | image-set()
            CSS-escaped url in a presentation attr  | <rect fill='u\\72l(http://evil.example/x)'/>                        | backslash escapes
            prefixed set animating href             | <s:set xmlns:s='http://www.w3.org/2000/svg' attributeName='href' to='http://evil.example'/> | animation elements (<s:set>)
            plain set animating href                | <use href='#a'><set attributeName='href' to='javascript:alert(1)'/></use> | animation elements (<set>)
            animate on any attribute                | <rect><animate attributeName='fill' values='red;blue'/></rect>      | animation elements (<animate>)
            prefixed script                         | <x:script xmlns:x='http://www.w3.org/2000/svg'>alert(1)</x:script>  | <script> elements
            element of another namespace            | <h:iframe xmlns:h='http://www.w3.org/1999/xhtml' src='http://evil.example'/> | only SVG elements
            unknown attribute                       | <rect attributeName='href'/>                                        | attribute attributeName on <rect> is not allowed
            prefixed event handler attribute        | <rect xmlns:e='http://www.w3.org/2000/svg' e:onclick='alert(1)'/>   | is not allowed
            feImage with an external href           | <filter id='f'><feImage href='http://evil.example/x.png'/></filter> | <feImage> is not allowed
            data URI that is not an image           | <image href='data:text/html;base64,PHNjcmlwdD4='/>                  | external resources
            """)
    void svg_disguises_and_their_plain_forms_are_refused_by_the_allowlist(String what, String body, String reason) {
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\">" + body + "</svg>"), reason);
    }

    @Test
    void svg_that_is_huge_deeply_nested_or_not_in_the_svg_namespace_is_refused() {
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\">" + "<g>".repeat(5_000)
                + "</g>".repeat(5_000) + "</svg>"), "nested more than 48 levels");
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\">" + "<rect/>".repeat(30_000)
                + "</svg>"), "more than 20000 elements");
        assertRefused(ImageKind.LOGO, svg("<svg xmlns=\"http://www.w3.org/2000/svg\">" + "<rect/>".repeat(80_000)
                + "</svg>"), "at most 512 KB");
        assertRefused(ImageKind.LOGO, svg("<svg viewBox=\"0 0 1 1\"><rect/></svg>"), "without the SVG namespace");
    }

    @Test
    void the_three_presets_logos_pass_the_allowlist() throws Exception {
        for (var preset : List.of("classic", "evergreen", "midnight")) {
            var bytes = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("themes", preset, "logo.svg"));
            assertThat(branding.inspectImage(ImageKind.LOGO, bytes).mediaType()).as(preset).isEqualTo("image/svg+xml");
        }
    }

    @Test
    void a_safe_svg_with_internal_references_is_accepted() {
        assertThat(branding.inspectImage(ImageKind.LOGO, svg(SAFE_SVG)).mediaType()).isEqualTo("image/svg+xml");
    }

    @Test
    void oversized_images_are_refused() {
        var tooManyBytes = Arrays.copyOf(png(10, 10), 600 * 1024);
        assertRefused(ImageKind.LOGO, tooManyBytes, "at most 512 KB");
        assertRefused(ImageKind.LOGO, png(2049, 10), "2049x10 pixels; at most 2048x2048");
        assertRefused(ImageKind.FAVICON, png(513, 513), "at most 512x512");
        assertThat(branding.inspectImage(ImageKind.FAVICON, png(512, 512)).mediaType()).isEqualTo("image/png");
        assertThat(branding.inspectImage(ImageKind.LOGO, BrandingTestData.jpeg(200, 100)).mediaType())
                .isEqualTo("image/jpeg");
    }

    @Test
    void a_png_with_garbage_after_its_signature_is_refused() {
        var bytes = new byte[2000];
        System.arraycopy(png(1, 1), 0, bytes, 0, 8);
        Arrays.fill(bytes, 8, bytes.length, (byte) 0x5A);
        assertRefused(ImageKind.LOGO, bytes, "damaged or malformed");
        var truncated = Arrays.copyOf(png(300, 300), 60);
        assertRefused(ImageKind.LOGO, truncated, "damaged or malformed");
    }

    @Test
    void a_gif_or_a_program_renamed_to_png_is_refused_by_its_contents() {
        assertRefused(ImageKind.LOGO, "GIF89a\u0001\u0000\u0001\u0000".getBytes(), "GIF");
        assertRefused(ImageKind.LOGO, "MZ\u0090\u0000\u0003 This program cannot be run in DOS mode".getBytes(),
                "program, not an image");
        assertRefused(ImageKind.LOGO, "just some text".getBytes(), "not a PNG, JPEG or SVG");
    }

    @Test
    void an_image_declared_with_the_wrong_type_in_a_document_is_refused() {
        var svgClaimingPng = new BrandImage("image/png", BrandImage.of("x", svg(SAFE_SVG)).data());
        assertThat(catchInvalid(() -> branding.save(tenant, 0, valid("T").withLogo(svgClaimingPng), "c"))
                .getMessage()).contains("declared as image/png");
        var notBase64 = new BrandImage("image/png", "%%%");
        assertThat(catchInvalid(() -> branding.save(tenant, 0, valid("T").withLogo(notBase64), "c"))
                .getMessage()).contains("not valid base64");
    }

    @Test
    void starting_from_a_preset_keeps_the_partners_name_and_contacts() {
        var mine = valid("Mine");
        var midnight = branding.applyPreset(mine, "midnight");
        assertThat(midnight.displayName()).isEqualTo("Mine");
        assertThat(midnight.supportEmail()).isEqualTo(mine.supportEmail());
        assertThat(midnight.defaultMode()).isEqualTo(ColorMode.DARK);
        assertThat(midnight.logo().mediaType()).isEqualTo("image/svg+xml");
        assertThat(branding.area().changes(mine, midnight)).extracting(FieldChange::path)
                .contains("Logo", "Primary colour", "Default appearance").doesNotContain("Display name");
    }

    private void assertRefused(ImageKind kind, byte[] bytes, String reason) {
        var e = catchInvalid(() -> branding.inspectImage(kind, bytes));
        assertThat(e.field()).isEqualTo(kind.field());
        assertThat(e.getMessage()).startsWith(kind.label() + " refused").contains(reason);
        var asDocument = new BrandImage("image/svg+xml", java.util.Base64.getEncoder().encodeToString(bytes));
        var branded = kind == ImageKind.LOGO ? valid("Hostile").withLogo(asDocument) : valid("Hostile").withFavicon(asDocument);
        assertThatThrownBy(() -> branding.save(tenant, 0, branded, "hostile"))
                .isInstanceOf(InvalidValueException.class);
        assertThat(branding.history(tenant)).isEmpty();
    }

    private static String message(Runnable action) {
        return catchInvalid(action::run).getMessage();
    }

    private static InvalidValueException catchInvalid(Runnable action) {
        try {
            action.run();
        } catch (InvalidValueException e) {
            return e;
        }
        throw new AssertionError("expected InvalidValueException");
    }
}
