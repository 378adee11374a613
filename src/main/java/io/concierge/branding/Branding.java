package io.concierge.branding;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One tenant's branding, stored as the JSON document that {@code themes/branding.schema.json} describes. Images
 * are carried inside as base64 so every version is complete on its own. Button labels and the app header are
 * drawn on the primary and accent colours, which is why only those two are checked for contrast: white on the
 * accent, and on the primary the {@link TextTone} the partner chose (white unless they chose dark text).
 *
 * @param logo        may be null (the header then shows the display name only)
 * @param favicon     may be null
 * @param primaryText may be null, which means {@link TextTone#LIGHT} (and is how light is stored)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "schemaVersion", allowGetters = true)
public record Branding(String displayName, BrandImage logo, BrandImage favicon, String primaryColor,
                       String secondaryColor, String accentColor, FontFamily fontFamily, CornerStyle cornerStyle,
                       ColorMode defaultMode, String supportEmail, String supportUrl, TextTone primaryText) {

    /** A branding with white text on the primary colour. */
    public Branding(String displayName, BrandImage logo, BrandImage favicon, String primaryColor,
                    String secondaryColor, String accentColor, FontFamily fontFamily, CornerStyle cornerStyle,
                    ColorMode defaultMode, String supportEmail, String supportUrl) {
        this(displayName, logo, favicon, primaryColor, secondaryColor, accentColor, fontFamily, cornerStyle,
                defaultMode, supportEmail, supportUrl, null);
    }

    /** Version of the document format, written into every stored document. */
    public static final int SCHEMA_VERSION = 1;

    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** The text on the primary colour, light when none was chosen. */
    public TextTone primaryTextTone() {
        return primaryText == null ? TextTone.LIGHT : primaryText;
    }

    public Branding withPrimaryText(TextTone value) {
        return new Branding(displayName, logo, favicon, primaryColor, secondaryColor, accentColor, fontFamily,
                cornerStyle, defaultMode, supportEmail, supportUrl, value);
    }

    public Branding withDisplayName(String value) {
        return new Branding(value, logo, favicon, primaryColor, secondaryColor, accentColor, fontFamily, cornerStyle,
                defaultMode, supportEmail, supportUrl, primaryText);
    }

    public Branding withLogo(BrandImage value) {
        return new Branding(displayName, value, favicon, primaryColor, secondaryColor, accentColor, fontFamily,
                cornerStyle, defaultMode, supportEmail, supportUrl, primaryText);
    }

    public Branding withFavicon(BrandImage value) {
        return new Branding(displayName, logo, value, primaryColor, secondaryColor, accentColor, fontFamily,
                cornerStyle, defaultMode, supportEmail, supportUrl, primaryText);
    }
}
