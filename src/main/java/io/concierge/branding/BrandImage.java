package io.concierge.branding;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Base64;

/** An image inside a branding document: its real media type (detected from its bytes) and base64 data. */
public record BrandImage(String mediaType, String data) {

    public static BrandImage of(String mediaType, byte[] bytes) {
        return new BrandImage(mediaType, Base64.getEncoder().encodeToString(bytes));
    }

    /** The decoded bytes; throws IllegalArgumentException when {@code data} is not base64. */
    public byte[] bytes() {
        return Base64.getDecoder().decode(data);
    }

    /** A {@code data:} URL for an {@code <img>}, as the preview shows it. */
    @JsonIgnore
    public String dataUrl() {
        return "data:" + mediaType + ";base64," + data;
    }
}
