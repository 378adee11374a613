package io.concierge.configuration;

/**
 * One difference between two versions of an area. {@code before} is null for something added, {@code after}
 * null for something removed. For a set of values (a role's scopes) each added or removed value is its own
 * change at the same path, so a permission matrix diff reads cell by cell.
 */
public record FieldChange(String path, String before, String after) {

    public enum Kind { ADDED, REMOVED, CHANGED }

    public Kind kind() {
        if (before == null) {
            return Kind.ADDED;
        }
        return after == null ? Kind.REMOVED : Kind.CHANGED;
    }

    /** One line for people: {@code roles[advisor].scopes: + orders:cancel}. */
    public String describe() {
        return switch (kind()) {
            case ADDED -> path + ": + " + after;
            case REMOVED -> path + ": − " + before;
            case CHANGED -> path + ": " + before + " → " + after;
        };
    }
}
