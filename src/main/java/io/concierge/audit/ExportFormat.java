package io.concierge.audit;

import io.concierge.shared.InvalidValueException;

/** Export file formats. */
public enum ExportFormat {
    CSV("text/csv", "csv"),
    JSON("application/json", "json");

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public static ExportFormat parse(String text) {
        if (text == null || text.isBlank()) {
            return CSV;
        }
        return switch (text.trim().toLowerCase()) {
            case "csv" -> CSV;
            case "json" -> JSON;
            default -> throw new InvalidValueException("format", "Format must be csv or json, not '" + text + "'.");
        };
    }
}
