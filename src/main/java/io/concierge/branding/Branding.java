package io.concierge.branding;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One tenant's branding, stored as the JSON document that {@code themes/branding.schema.json} describes. Images
 * are carried inside as base64 so every version is complete on its own. Button labels and the app header are
 * drawn in white on the primary and accent colours, which is why only those two are checked for contrast.
 *
 * @param logo    may be null (the header then shows the display name only)
 * @param favicon may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "schemaVersion", allowGetters = true)
public record Branding(String displayName, BrandImage logo, BrandImage favicon, String primaryColor,
                       String secondaryColor, String accentColor, FontFamily fontFamily, CornerStyle cornerStyle,
                       ColorMode defaultMode, String supportEmail, String supportUrl) {

    /** Version of the document format, written into every stored document. */
    public static final int SCHEMA_VERSION = 1;

    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    public Branding withDisplayName(String value) {
        return new Branding(value, logo, favicon, primaryColor, secondaryColor, accentColor, fontFamily, cornerStyle,
                defaultMode, supportEmail, supportUrl);
    }

    public Branding withLogo(BrandImage value) {
        return new Branding(displayName, value, favicon, primaryColor, secondaryColor, accentColor, fontFamily,
                cornerStyle, defaultMode, supportEmail, supportUrl);
    }

    public Branding withFavicon(BrandImage value) {
        return new Branding(displayName, logo, value, primaryColor, secondaryColor, accentColor, fontFamily,
                cornerStyle, defaultMode, supportEmail, supportUrl);
    }
}
