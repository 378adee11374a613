package io.concierge.branding;

import io.concierge.branding.internal.BrandingDocuments;
import io.concierge.branding.internal.BrandingValidator;
import io.concierge.branding.internal.ImageInspector;
import io.concierge.branding.internal.PresetCatalog;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigDiff;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.FieldChange;
import io.concierge.security.TenantAccess;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The branding area: the only type branding views call. Reads follow tenant access (a partner admin sees only
 * their own tenant); every change is validated in full, then stored as a new version through the
 * {@link ConfigurationStore}, which also refuses auditors and detects concurrent edits.
 */
@Service
@Transactional(readOnly = true)
public class BrandingService {

    private static final String DEFAULT_PRESET = "classic";

    private final ConfigurationStore store;
    private final TenantService tenants;
    private final TenantAccess access;
    private final BrandingDocuments documents;
    private final PresetCatalog presets;

    BrandingService(ConfigurationStore store, TenantService tenants, TenantAccess access, BrandingDocuments documents,
                    PresetCatalog presets) {
        this.store = store;
        this.tenants = tenants;
        this.access = access;
        this.documents = documents;
        this.presets = presets;
    }

    /**
     * Opens the tenant's branding by slug. A tenant without branding gets the default preset under its own name as
     * a starting point, which is not stored until somebody saves it. Refused (and recorded) for a partner admin of
     * another tenant.
     */
    public Optional<BrandingSnapshot> open(String slug) {
        return tenants.open(slug).map(tenant -> {
            var current = store.current(tenant.id(), ConfigArea.BRANDING);
            var branding = current.map(v -> documents.fromJson(v.content()))
                    .orElseGet(() -> preset(DEFAULT_PRESET).branding().withDisplayName(shorten(tenant.displayName())));
            return new BrandingSnapshot(tenant.id(), tenant.slug(), tenant.displayName(), branding,
                    current.map(ConfigVersion::version).orElse(0L), current.isPresent(), access.canEdit(tenant.id()));
        });
    }

    /** The tenant's current branding, if it was ever saved. */
    public Optional<Branding> current(TenantId tenant) {
        return store.current(tenant, ConfigArea.BRANDING).map(v -> documents.fromJson(v.content()));
    }

    /**
     * Validates and stores the branding as a new version. {@code expectedVersion} is the version the editor was
     * opened on (0 for none); a newer one makes this throw ConfigurationConflictException and write nothing.
     */
    @Transactional
    public ConfigVersion save(TenantId tenant, TenantSlug slug, long expectedVersion, Branding branding,
                              String comment) {
        access.requireEdit(tenant, "change branding");
        var valid = BrandingValidator.validate(branding);
        return store.save(tenant, slug, ConfigArea.BRANDING, expectedVersion, documents.toJson(valid), comment);
    }

    /**
     * Makes an old version current again, as a new version. The old content is checked against today's rules
     * first, so a restore cannot bring back something the console no longer accepts.
     */
    @Transactional
    public ConfigVersion restore(TenantId tenant, TenantSlug slug, long versionToRestore, long expectedVersion,
                                 String comment) {
        access.requireEdit(tenant, "restore branding");
        var old = version(tenant, versionToRestore);
        BrandingValidator.validate(old);
        return store.restore(tenant, slug, ConfigArea.BRANDING, versionToRestore, expectedVersion, comment);
    }

    /** Every saved version, newest first. */
    public List<ConfigVersion> history(TenantId tenant) {
        return store.history(tenant, ConfigArea.BRANDING);
    }

    public Branding version(TenantId tenant, long version) {
        return store.version(tenant, ConfigArea.BRANDING, version).map(v -> documents.fromJson(v.content()))
                .orElseThrow(() -> new InvalidValueException("No version " + version + " of the branding."));
    }

    public List<BrandingPreset> presets() {
        return presets.all();
    }

    /**
     * The branding with a preset's tokens and logo; the display name, favicon and support contacts stay the
     * partner's own.
     */
    public Branding applyPreset(Branding current, String presetKey) {
        var p = preset(presetKey).branding();
        return new Branding(current.displayName(), p.logo(), current.favicon(), p.primaryColor(), p.secondaryColor(),
                p.accentColor(), p.fontFamily(), p.cornerStyle(), p.defaultMode(), current.supportEmail(),
                current.supportUrl());
    }

    /** The branding as it would be stored (trimmed, colours in upper case), or the first reason it would be refused. */
    public Branding validate(Branding branding) {
        return BrandingValidator.validate(branding);
    }

    /** Checks an uploaded image as it arrives, so the editor can say at once why it is refused. */
    public BrandImage inspectImage(ImageKind kind, byte[] bytes) {
        return ImageInspector.inspect(kind, bytes);
    }

    /** A colour as typed, normalised to #RRGGBB, or InvalidValueException saying what is wrong with it. */
    public String checkColor(String field, String label, String text) {
        return BrandingValidator.color(field, label, text);
    }

    /** The fields that differ between two brandings, labelled and formatted for people, in form order. */
    public List<FieldChange> changes(Branding before, Branding after) {
        return ConfigDiff.labelled(describe(before), describe(after));
    }

    /** The same for two stored contents (versions' JSON; null for none), as the history compares them. */
    public List<FieldChange> changes(String beforeContent, String afterContent) {
        return changes(read(beforeContent), read(afterContent));
    }

    private Branding read(String content) {
        return content == null ? null : documents.fromJson(content);
    }

    private BrandingPreset preset(String key) {
        return presets.all().stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new InvalidValueException("preset", "There is no preset '" + key + "'."));
    }

    private static Map<String, String> describe(Branding b) {
        var fields = new LinkedHashMap<String, String>();
        if (b == null) {
            return fields;
        }
        fields.put("Display name", text(b.displayName()));
        fields.put("Logo", image(b.logo()));
        fields.put("Favicon", image(b.favicon()));
        fields.put("Primary colour", text(b.primaryColor()));
        fields.put("Secondary colour", text(b.secondaryColor()));
        fields.put("Accent colour", text(b.accentColor()));
        fields.put("Font", b.fontFamily() == null ? "–" : b.fontFamily().label());
        fields.put("Corners", b.cornerStyle() == null ? "–" : b.cornerStyle().label());
        fields.put("Default appearance", b.defaultMode() == null ? "–" : b.defaultMode().label());
        fields.put("Support email", text(b.supportEmail()));
        fields.put("Support URL", text(b.supportUrl()));
        return fields;
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

    private static String shorten(String name) {
        return name.length() <= BrandingValidator.MAX_NAME ? name : name.substring(0, BrandingValidator.MAX_NAME);
    }
}
