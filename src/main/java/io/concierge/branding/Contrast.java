package io.concierge.branding;

import java.util.Locale;

/**
 * WCAG 2.1 contrast of the investor app's text (buttons, header) on a brand colour: white, or on the primary
 * colour the chosen {@link TextTone}. AA for normal text needs 4.5:1. Colours are {@code #RRGGBB}; callers
 * validate them first.
 */
public final class Contrast {

    public static final double MINIMUM = 4.5;
    public static final String TEXT_COLOR = "#FFFFFF";

    private Contrast() {
    }

    /** Contrast ratio of white text on the colour, from 1 to 21. */
    public static double withWhiteText(String hex) {
        return ratio(TEXT_COLOR, hex);
    }

    public static double ratio(String hexA, String hexB) {
        var a = luminance(hexA);
        var b = luminance(hexB);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    public static boolean passes(String hex) {
        return withWhiteText(hex) >= MINIMUM;
    }

    /** Contrast ratio of text of this tone on the colour. */
    public static double with(TextTone tone, String hex) {
        return ratio(tone.hex(), hex);
    }

    public static boolean passes(TextTone tone, String hex) {
        return with(tone, hex) >= MINIMUM;
    }

    /**
     * The ratio as people read it, e.g. "3.2:1". Rounded down, so a colour shown as "4.5:1" really passes and
     * 4.47 never reads as passing.
     */
    public static String format(double ratio) {
        return String.format(Locale.ROOT, "%.1f:1", Math.floor(ratio * 10) / 10);
    }

    /**
     * The nearest shade of the same hue and saturation on which white text passes: lightness is lowered in
     * half-percent steps (white text only gains from darker backgrounds). Returns the colour itself when it
     * already passes; black always passes, so there is always an answer.
     */
    public static String nearestPassing(String hex) {
        if (passes(hex)) {
            return hex.toUpperCase(Locale.ROOT);
        }
        var hsl = toHsl(hex);
        for (var lightness = hsl[2]; lightness >= 0; lightness -= 0.005) {
            var candidate = fromHsl(hsl[0], hsl[1], lightness);
            if (passes(candidate)) {
                return candidate;
            }
        }
        return "#000000";
    }

    private static double luminance(String hex) {
        var rgb = rgb(hex);
        return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    }

    private static double linear(int channel) {
        var c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int[] rgb(String hex) {
        var value = Integer.parseInt(hex.substring(1), 16);
        return new int[] {(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF};
    }

    /** Hue in degrees, saturation and lightness from 0 to 1. */
    static double[] toHsl(String hex) {
        var rgb = rgb(hex);
        var r = rgb[0] / 255.0;
        var g = rgb[1] / 255.0;
        var b = rgb[2] / 255.0;
        var max = Math.max(r, Math.max(g, b));
        var min = Math.min(r, Math.min(g, b));
        var l = (max + min) / 2;
        if (max == min) {
            return new double[] {0, 0, l};
        }
        var d = max - min;
        var s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
        double h;
        if (max == r) {
            h = (g - b) / d + (g < b ? 6 : 0);
        } else if (max == g) {
            h = (b - r) / d + 2;
        } else {
            h = (r - g) / d + 4;
        }
        return new double[] {h * 60, s, l};
    }

    static String fromHsl(double h, double s, double l) {
        var c = (1 - Math.abs(2 * l - 1)) * s;
        var x = c * (1 - Math.abs((h / 60) % 2 - 1));
        var m = l - c / 2;
        double r;
        double g;
        double b;
        if (h < 60) {
            r = c; g = x; b = 0;
        } else if (h < 120) {
            r = x; g = c; b = 0;
        } else if (h < 180) {
            r = 0; g = c; b = x;
        } else if (h < 240) {
            r = 0; g = x; b = c;
        } else if (h < 300) {
            r = x; g = 0; b = c;
        } else {
            r = c; g = 0; b = x;
        }
        return String.format(Locale.ROOT, "#%02X%02X%02X", channel(r + m), channel(g + m), channel(b + m));
    }

    private static int channel(double value) {
        return (int) Math.round(Math.max(0, Math.min(1, value)) * 255);
    }
}
