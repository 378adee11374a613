package io.concierge.branding.internal;

import io.concierge.branding.Branding;
import io.concierge.branding.Contrast;
import io.concierge.branding.ImageKind;
import io.concierge.branding.TextTone;
import io.concierge.shared.DisplayText;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.FieldErrors;
import io.concierge.shared.InvalidValueException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Everything a branding must satisfy before it is stored, with messages a partner admin can act on, every
 * offending field at once. Returns the normalised branding (trimmed text, upper-case colours, images re-inspected).
 */
public final class BrandingValidator {

    public static final int MAX_NAME = 60;
    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final Pattern HEX_DIGITS = Pattern.compile("[0-9A-Fa-f]*");

    private BrandingValidator() {
    }

    /** Checks every field and refuses with all the problems at once (each at its field), or returns the normalised branding. */
    public static Branding validate(Branding branding) {
        if (branding == null) {
            throw new InvalidValueException("Branding is required.");
        }
        var errors = new FieldErrors();
        var name = errors.value(() -> displayName(branding.displayName()));
        var primary = errors.value(() -> color("primaryColor", "Primary colour", branding.primaryColor()));
        var secondary = errors.value(() -> color("secondaryColor", "Secondary colour", branding.secondaryColor()));
        var accent = errors.value(() -> color("accentColor", "Accent colour", branding.accentColor()));
        if (primary != null) {
            errors.run(() -> requirePrimaryContrast(primary, branding.primaryTextTone()));
        }
        if (accent != null) {
            errors.run(() -> requireContrast("accentColor", "Accent colour", accent));
        }
        if (branding.fontFamily() == null) {
            errors.add("fontFamily", "Choose a font.");
        }
        if (branding.cornerStyle() == null) {
            errors.add("cornerStyle", "Choose a corner style.");
        }
        if (branding.defaultMode() == null) {
            errors.add("defaultMode", "Choose light or dark as the default appearance.");
        }
        var logo = errors.value(() -> branding.logo() == null ? null
                : ImageInspector.inspect(ImageKind.LOGO, branding.logo()));
        var favicon = errors.value(() -> branding.favicon() == null ? null
                : ImageInspector.inspect(ImageKind.FAVICON, branding.favicon()));
        var email = errors.value(() -> supportEmail(branding.supportEmail()));
        var url = errors.value(() -> supportUrl(branding.supportUrl()));
        errors.throwIfAny();
        // light text is stored as no choice, so documents saved before the choice existed stay as they were
        return new Branding(name, logo, favicon, primary, secondary, accent, branding.fontFamily(),
                branding.cornerStyle(), branding.defaultMode(), email, url,
                branding.primaryTextTone() == TextTone.LIGHT ? null : TextTone.DARK);
    }

    /** A #RRGGBB colour in upper case, or a message that says exactly what is wrong with the text. */
    public static String color(String field, String label, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(field, label + " is required (#RRGGBB, for example #1A4D8F).");
        }
        var value = text.trim();
        if (HEX.matcher(value).matches()) {
            return value.toUpperCase(Locale.ROOT);
        }
        var shown = quote(value);
        if (!value.startsWith("#")) {
            throw new InvalidValueException(field, label + " " + shown + " is not a hex colour: names, rgb() and "
                    + "other forms are not accepted; use #RRGGBB, for example #1A4D8F.");
        }
        var digits = value.substring(1);
        if (!HEX_DIGITS.matcher(digits).matches()) {
            throw new InvalidValueException(field, label + " " + shown + " contains characters that are not hex "
                    + "digits (0-9, A-F); use #RRGGBB, for example #1A4D8F.");
        }
        if (digits.length() == 3 || digits.length() == 4) {
            throw new InvalidValueException(field, label + " " + shown + " is a short form; write all six digits "
                    + "as #RRGGBB, for example #1A4D8F.");
        }
        if (digits.length() == 8) {
            throw new InvalidValueException(field, label + " " + shown + " has an alpha channel; transparency is "
                    + "not supported, use #RRGGBB.");
        }
        throw new InvalidValueException(field, label + " " + shown + " has " + digits.length() + " hex digits; "
                + "use exactly six, as #RRGGBB.");
    }

    private static void requireContrast(String field, String label, String hex) {
        var ratio = Contrast.withWhiteText(hex);
        if (ratio < Contrast.MINIMUM) {
            var darkText = "primaryColor".equals(field) && Contrast.passes(TextTone.DARK, hex)
                    ? ", or keep it with dark text" : "";
            throw new InvalidValueException(field, label + " " + hex + " gives white text a contrast of "
                    + Contrast.format(ratio) + "; at least 4.5:1 is required (WCAG 2.1 AA). Nearest passing shade: "
                    + Contrast.nearestPassing(hex) + darkText + ".");
        }
    }

    /** The primary colour against the text the partner chose for it; the message says what would pass. */
    private static void requirePrimaryContrast(String hex, TextTone tone) {
        if (tone == TextTone.LIGHT) {
            requireContrast("primaryColor", "Primary colour", hex);
            return;
        }
        var ratio = Contrast.with(tone, hex);
        if (ratio < Contrast.MINIMUM) {
            throw new InvalidValueException("primaryColor", "Primary colour " + hex + " gives dark text a contrast of "
                    + Contrast.format(ratio) + "; at least 4.5:1 is required (WCAG 2.1 AA)."
                    + (Contrast.passes(hex) ? " Light text passes on it: choose light text." : ""));
        }
    }

    private static String displayName(String text) {
        return DisplayText.name("displayName", "Display name", text, MAX_NAME);
    }

    private static String supportEmail(String text) {
        return text == null || text.isBlank() ? null : EmailAddress.parse("supportEmail", "Support email", text);
    }

    private static String supportUrl(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var value = text.trim();
        DisplayText.checkCharacters("supportUrl", "Support URL", value);
        if (value.length() > 200) {
            throw new InvalidValueException("supportUrl", "Support URL must be at most 200 characters (it has "
                    + value.length() + ").");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidValueException("supportUrl", "Support URL " + quote(value) + " is not a valid URL.");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidValueException("supportUrl", "Support URL must start with https:// (investors' "
                    + "browsers warn on anything else).");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || !value.startsWith("https://")) {
            throw new InvalidValueException("supportUrl", "Support URL " + quote(value)
                    + " must name a host, as in https://help.example.com.");
        }
        return value;
    }

    /** Echoes user input in a message, cut short so a 10,000-character value does not flood the screen. */
    private static String quote(String value) {
        return "'" + (value.length() <= 24 ? value : value.substring(0, 21) + "...") + "'";
    }
}
