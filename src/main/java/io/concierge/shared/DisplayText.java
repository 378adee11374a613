package io.concierge.shared;

/**
 * The one check every name and label people set goes through (tenant names, branding display names, role names,
 * change comments): trimmed, required, bounded in characters (code points, so an emoji counts once), and free of
 * characters that make text display differently from how it is stored. Refused are control characters (line
 * breaks, tabs, escape), the bidirectional embedding, override, isolate and mark characters (U+202A-U+202E,
 * U+2066-U+2069, U+200E/U+200F, U+061C), line and paragraph separators, the byte-order mark, and unpaired
 * surrogates. A name with a right-to-left override reads "exe.tnemyap" as "payment.exe" in every console and
 * front end that shows it. Zero-width joiners stay allowed: Indic scripts and emoji need them.
 */
public final class DisplayText {

    private DisplayText() {
    }

    /** A required single-line name; the message is for the field labelled {@code label}. */
    public static String name(String field, String label, String text, int maxLength) {
        var value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new InvalidValueException(field, label + " is required.");
        }
        var length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw new InvalidValueException(field, label + " must be at most " + maxLength + " characters (it has "
                    + length + ").");
        }
        checkCharacters(field, label, value);
        return value;
    }

    /** Refuses the characters described above, naming the first one found and where it is. */
    public static void checkCharacters(String field, String label, String value) {
        check(field, label, value, false);
    }

    /** The same for free text of several lines (a change comment): line breaks and tabs are allowed there. */
    public static void checkMultiline(String field, String label, String value) {
        check(field, label, value, true);
    }

    private static void check(String field, String label, String value, boolean multiline) {
        for (int i = 0, position = 1; i < value.length(); position++) {
            int c = value.codePointAt(i);
            var problem = multiline && (c == '\n' || c == '\r' || c == '\t') ? null : problem(c);
            if (problem != null) {
                throw new InvalidValueException(field, label + " must not contain " + problem + " (found "
                        + String.format("U+%04X", c) + " at character " + position + ").");
            }
            i += Character.charCount(c);
        }
    }

    private static String problem(int c) {
        if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
            return "control characters such as line breaks or tabs";
        }
        if (c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F || c == 0x061C) {
            return "invisible text-direction characters, which make text display differently from how it is stored";
        }
        if (c == 0xFEFF || c >= 0xFFF9 && c <= 0xFFFB) {
            return "invisible formatting characters";
        }
        if (Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.UNASSIGNED
                || Character.getType(c) == Character.PRIVATE_USE) {
            return "unassigned or private-use characters";
        }
        return null;
    }
}
