package io.concierge.configuration;

/**
 * One difference between two contents of an area, as people read it: {@code path} is a label ("Primary
 * colour", "Support agent"), or a JSON path where no area describes the content. {@code before} is null for
 * something added, {@code after} null for something removed; for a set of values (a role's scopes) each added
 * or removed value is its own change, so a permission matrix diff reads cell by cell. An image's change also
 * carries the images themselves ({@code data:} URLs), so screens show thumbnails, never base64 text.
 */
public record FieldChange(String path, String before, String after, String beforeImage, String afterImage) {

    public enum Kind { ADDED, REMOVED, CHANGED }

    public FieldChange(String path, String before, String after) {
        this(path, before, after, null, null);
    }

    public Kind kind() {
        if (before == null) {
            return Kind.ADDED;
        }
        return after == null ? Kind.REMOVED : Kind.CHANGED;
    }

    /** One line for people: "Support agent: + orders:create", "Primary colour #1A4D8F → #0B5E3C". */
    public String describe() {
        return switch (kind()) {
            case ADDED -> path + ": + " + after;
            case REMOVED -> path + ": − " + before;
            case CHANGED -> path + " " + before + " → " + after;
        };
    }
}
