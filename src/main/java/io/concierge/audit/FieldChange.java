package io.concierge.audit;

/** One changed leaf of a JSON document: its path (e.g. {@code roles[key=investor].scopes[1]}) and values. */
public record FieldChange(String path, Kind kind, String before, String after) {

    public enum Kind { ADDED, REMOVED, CHANGED }
}
