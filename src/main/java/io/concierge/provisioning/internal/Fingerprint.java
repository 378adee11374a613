package io.concierge.provisioning.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A schema's structure (tables, columns with types, defaults and nullability, constraints including foreign
 * keys, indexes, sequences, applied changesets) as sorted lines with the schema name taken out, computed by
 * the database function {@code concierge.schema_fingerprint}. Two schemas are built the same when their lines
 * are equal.
 */
public record Fingerprint(List<String> lines) {

    public Fingerprint {
        lines = List.copyOf(new TreeSet<>(lines));
    }

    /** How many changesets the schema has applied. */
    public int changesets() {
        return (int) lines.stream().filter(l -> l.startsWith("changeset ")).count();
    }

    /** What {@code actual} lacks ("missing: ...") or has in excess ("unexpected: ...") compared with this one. */
    public List<String> differences(Fingerprint actual) {
        var missing = new TreeSet<>(lines);
        missing.removeAll(actual.lines);
        var unexpected = new TreeSet<>(actual.lines);
        unexpected.removeAll(lines);
        var out = new ArrayList<String>();
        missing.forEach(l -> out.add("missing: " + l));
        unexpected.forEach(l -> out.add("unexpected: " + l));
        return out;
    }
}
