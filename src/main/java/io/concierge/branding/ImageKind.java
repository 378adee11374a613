package io.concierge.branding;

/** The two images of a brand and their limits. SVG is vector, so only its byte size is limited. */
public enum ImageKind {
    LOGO("logo", "Logo", 512 * 1024, 2048),
    FAVICON("favicon", "Favicon", 64 * 1024, 512);

    private final String field;
    private final String label;
    private final int maxBytes;
    private final int maxPixels;

    ImageKind(String field, String label, int maxBytes, int maxPixels) {
        this.field = field;
        this.label = label;
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
    }

    /** The branding document's property (and the form field an error belongs to). */
    public String field() {
        return field;
    }

    public String label() {
        return label;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** Largest width and height of a raster image, in pixels. */
    public int maxPixels() {
        return maxPixels;
    }
}
