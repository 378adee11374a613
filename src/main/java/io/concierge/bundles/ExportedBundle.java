package io.concierge.bundles;

/** A bundle as a file to download: a name that says whose and when, and the JSON document. */
public record ExportedBundle(String fileName, String json) {
}
