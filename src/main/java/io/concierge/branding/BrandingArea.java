package io.concierge.branding;

import io.concierge.branding.internal.BrandingDocuments;
import io.concierge.branding.internal.BrandingValidator;
import io.concierge.branding.internal.PresetCatalog;
import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.FieldChange;
import io.concierge.tenant.TenantSummary;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The branding area as the configuration model knows it: JSON document, validation, labels and human diff. */
@Component
class BrandingArea implements AreaDefinition<Branding> {

    static final String DEFAULT_PRESET = "classic";
    private static final Map<String, String> LABELS = fieldLabels();

    private final BrandingDocuments documents;
    private final PresetCatalog presets;

    BrandingArea(BrandingDocuments documents, PresetCatalog presets) {
        this.documents = documents;
        this.presets = presets;
    }

    @Override
    public ConfigArea area() {
        return ConfigArea.BRANDING;
    }

    @Override
    public Branding read(String json) {
        return documents.fromJson(json);
    }

    @Override
    public String write(Branding content) {
        return documents.toJson(content);
    }

    @Override
    public Branding validate(Branding content) {
        return BrandingValidator.validate(content);
    }

    /** The default preset under the tenant's own name. */
    @Override
    public Branding startingPoint(TenantSummary tenant) {
        var name = tenant.displayName();
        return presets.all().stream().filter(p -> p.key().equals(DEFAULT_PRESET)).findFirst().orElseThrow().branding()
                .withDisplayName(name.length() <= BrandingValidator.MAX_NAME ? name
                        : name.substring(0, BrandingValidator.MAX_NAME));
    }

    @Override
    public Map<String, String> labels() {
        return LABELS;
    }

    /** The fields whose shown value differs, in form order; images also carry both images for thumbnails. */
    @Override
    public List<FieldChange> changes(Branding before, Branding after) {
        var changes = new ArrayList<FieldChange>();
        for (var field : LABELS.entrySet()) {
            var describe = DESCRIBE.get(field.getKey());
            var was = before == null ? "–" : describe.apply(before);
            var now = after == null ? "–" : describe.apply(after);
            if (Objects.equals(was, now)) {
                continue;
            }
            var image = IMAGES.get(field.getKey());
            changes.add(image == null ? new FieldChange(field.getValue(), was, now)
                    : new FieldChange(field.getValue(), was, now, before == null ? null : dataUrl(image.apply(before)),
                            after == null ? null : dataUrl(image.apply(after))));
        }
        return changes;
    }

    private static final Map<String, Function<Branding, BrandImage>> IMAGES = Map.of(
            "logo", Branding::logo, "favicon", Branding::favicon);

    private static final Map<String, Function<Branding, String>> DESCRIBE = Map.ofEntries(
            Map.entry("displayName", b -> text(b.displayName())),
            Map.entry("logo", b -> image(b.logo())),
            Map.entry("favicon", b -> image(b.favicon())),
            Map.entry("primaryColor", b -> text(b.primaryColor())),
            Map.entry("primaryText", b -> b.primaryTextTone().label()),
            Map.entry("secondaryColor", b -> text(b.secondaryColor())),
            Map.entry("accentColor", b -> text(b.accentColor())),
            Map.entry("fontFamily", b -> b.fontFamily() == null ? "–" : b.fontFamily().label()),
            Map.entry("cornerStyle", b -> b.cornerStyle() == null ? "–" : b.cornerStyle().label()),
            Map.entry("defaultMode", b -> b.defaultMode() == null ? "–" : b.defaultMode().label()),
            Map.entry("supportEmail", b -> text(b.supportEmail())),
            Map.entry("supportUrl", b -> text(b.supportUrl())));

    private static Map<String, String> fieldLabels() {
        var labels = new LinkedHashMap<String, String>();
        labels.put("displayName", "Display name");
        labels.put("logo", "Logo");
        labels.put("favicon", "Favicon");
        labels.put("primaryColor", "Primary colour");
        labels.put("primaryText", "Text on primary colour");
        labels.put("secondaryColor", "Secondary colour");
        labels.put("accentColor", "Accent colour");
        labels.put("fontFamily", "Font");
        labels.put("cornerStyle", "Corners");
        labels.put("defaultMode", "Default appearance");
        labels.put("supportEmail", "Support email");
        labels.put("supportUrl", "Support URL");
        return java.util.Collections.unmodifiableMap(labels);
    }

    private static String dataUrl(BrandImage image) {
        return image == null ? null : image.dataUrl();
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? "–" : value;
    }

    /** Type, size and a short fingerprint, so two different images of the same size still show as a change. */
    private static String image(BrandImage image) {
        if (image == null) {
            return "none";
        }
        var bytes = image.bytes();
        var type = switch (image.mediaType()) {
            case "image/png" -> "PNG";
            case "image/jpeg" -> "JPEG";
            case "image/svg+xml" -> "SVG";
            default -> image.mediaType();
        };
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return type + ", " + kilobytes(bytes.length) + " (" + HexFormat.of().formatHex(digest, 0, 4) + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String kilobytes(int bytes) {
        return bytes < 1024 ? bytes + " bytes" : (bytes + 512) / 1024 + " KB";
    }
}
