package io.concierge.bundles;

import io.concierge.shared.InvalidValueException;

import java.util.List;

/**
 * A bundle document that cannot be imported: not JSON, too large, against the bundle's JSON Schema, or content an
 * area's validation refuses. Every problem names its place in the document ("$.areas.branding.primaryColor").
 */
public class BundleRejectedException extends InvalidValueException {

    public static final String FIELD = "bundle";
    private static final int SHOWN = 5;

    public BundleRejectedException(List<String> problems) {
        super(FIELD, "The bundle cannot be imported: " + String.join("; ", problems.subList(0,
                Math.min(SHOWN, problems.size()))) + (problems.size() > SHOWN
                ? " (and " + (problems.size() - SHOWN) + " more)" : ""), problems.stream().map(p -> {
                    var at = p.indexOf(": ");
                    return new FieldError(null, at < 0 ? "$" : p.substring(0, at), at < 0 ? p : p.substring(at + 2));
                }).toList());
    }

    /** Every problem as "path: message", the path in JSON Path form. */
    public List<String> problems() {
        return errors().stream().map(e -> e.field() + ": " + e.message()).toList();
    }
}
