package io.concierge.shared;

import java.util.regex.Pattern;

/**
 * The one rule for email addresses the console stores and publishes: ASCII only, a local part of letters, digits,
 * '_', '+' and '-' in dot-separated runs, and a host name of LDH labels with a letter TLD. RFC 5322's rarer local-part
 * characters, quoted local parts, IP literals and international addresses are refused on purpose: front ends put
 * support addresses into {@code mailto:} links, and every character beyond these is a way to smuggle markup
 * ({@code <script>@evil.example}) or look-alikes.
 */
public final class EmailAddress {

    public static final int MAX_LENGTH = 254;
    private static final String ATOM = "[A-Za-z0-9_+-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern ADDRESS = Pattern.compile("(" + ATOM + "(?:\\." + ATOM + ")*)@((?:" + LABEL
            + "\\.)+[A-Za-z]{2,63})");

    private EmailAddress() {
    }

    /** Trims and checks {@code text}; the refusal names the field labelled {@code label}. */
    public static String parse(String field, String label, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(field, label + " is required.");
        }
        var value = text.strip();
        var matcher = value.length() > MAX_LENGTH ? null : ADDRESS.matcher(value);
        if (matcher == null || !matcher.matches() || matcher.group(1).length() > 64) {
            throw new InvalidValueException(field, label + " " + quote(value) + " is not a valid address: use the "
                    + "form name@example.com, with letters, digits and . _ + - only (at most " + MAX_LENGTH
                    + " characters).");
        }
        return value;
    }

    private static String quote(String text) {
        var shown = text.codePointCount(0, text.length()) <= 40 ? text
                : text.substring(0, text.offsetByCodePoints(0, 37)) + "...";
        // the message is shown as text, but control and direction characters would still garble it
        return "'" + shown.codePoints().map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                ? '?' : c).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "'";
    }
}
