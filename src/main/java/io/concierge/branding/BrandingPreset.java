package io.concierge.branding;

/** A shipped starting point (themes/&lt;key&gt;/): tokens and a logo. */
public record BrandingPreset(String key, String label, Branding branding) {
}
