package io.concierge.branding;

import io.concierge.branding.internal.BrandingValidator;
import io.concierge.branding.internal.ImageInspector;
import io.concierge.branding.internal.PresetCatalog;
import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.AreaSnapshot;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * The branding area: its definition in the configuration model (open, save, restore and history go through
 * {@link ConfigurationAreas} like every area's), plus what only branding has: presets, image and colour checks.
 */
@Service
@Transactional(readOnly = true)
public class BrandingService {

    private final ConfigurationAreas areas;
    private final BrandingArea area;
    private final PresetCatalog presets;

    BrandingService(ConfigurationAreas areas, BrandingArea area, PresetCatalog presets) {
        this.areas = areas;
        this.area = area;
        this.presets = presets;
    }

    /** The area's definition, which the editor frame and the configuration service work with. */
    public AreaDefinition<Branding> area() {
        return area;
    }

    /**
     * Opens the tenant's branding by slug; a tenant without branding gets the default preset under its own name as
     * an unsaved starting point. Refused (and recorded) for a partner admin of another tenant.
     */
    public Optional<AreaSnapshot<Branding>> open(String slug) {
        return areas.open(area, slug);
    }

    /** The tenant's current branding, if it was ever saved. */
    public Optional<Branding> current(TenantId tenant) {
        return areas.current(area, tenant);
    }

    /** Validates and stores the branding as a new version; see {@link ConfigurationAreas#save}. */
    @Transactional
    public ConfigVersion save(TenantId tenant, long expectedVersion, Branding branding, String comment) {
        return areas.save(area, tenant, expectedVersion, branding, comment);
    }

    /** Restores an old version as a new one, if it passes today's checks; see {@link ConfigurationAreas#restore}. */
    @Transactional
    public ConfigVersion restore(TenantId tenant, long versionToRestore, long expectedVersion, String comment) {
        return areas.restore(area, tenant, versionToRestore, expectedVersion, comment);
    }

    /** Every saved version, newest first. */
    public List<ConfigVersion> history(TenantId tenant) {
        return areas.history(tenant, ConfigArea.BRANDING);
    }

    public Branding version(TenantId tenant, long version) {
        return areas.content(area, tenant, version);
    }

    public List<BrandingPreset> presets() {
        return presets.all();
    }

    /**
     * The branding with a preset's tokens and logo; the display name, favicon and support contacts stay the
     * partner's own.
     */
    public Branding applyPreset(Branding current, String presetKey) {
        var p = presets.all().stream().filter(x -> x.key().equals(presetKey)).findFirst()
                .orElseThrow(() -> new InvalidValueException("preset", "There is no preset '" + presetKey + "'."))
                .branding();
        return new Branding(current.displayName(), p.logo(), current.favicon(), p.primaryColor(), p.secondaryColor(),
                p.accentColor(), p.fontFamily(), p.cornerStyle(), p.defaultMode(), current.supportEmail(),
                current.supportUrl(), p.primaryText());
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
}
