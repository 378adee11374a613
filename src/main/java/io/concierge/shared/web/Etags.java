package io.concierge.shared.web;

import io.concierge.shared.InvalidValueException;

/**
 * Versions as entity tags: a read answers {@code ETag: "7"} (strong: the version names one immutable content);
 * a write sends it back as {@code If-Match} and is refused with 412 when somebody saved since. 0 stands for
 * "nothing saved yet".
 */
public final class Etags {

    private Etags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header names. Without one the write is refused (428); one that names no
     * version (a list, {@code *}, garbage) is bad input.
     */
    public static long requireIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException("This write needs an If-Match header with the version it is "
                    + "based on (the ETag of your last read), so that nobody's change is overwritten unseen.");
        }
        var tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            var version = Long.parseLong(tag);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidValueException("If-Match", "If-Match must be one version's ETag, such as \"3\"; got "
                + ifMatch + ".");
    }
}
