package io.concierge.branding.internal;

import io.concierge.branding.BrandImage;
import io.concierge.branding.ImageKind;
import io.concierge.shared.InvalidValueException;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decides what an uploaded image really is from its bytes (never its name or the browser's claim), and refuses
 * anything that is not a well-formed PNG, JPEG or safe SVG within the kind's limits.
 */
public final class ImageInspector {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private ImageInspector() {
    }

    public static BrandImage inspect(ImageKind kind, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw invalid(kind, "the file is empty.");
        }
        if (bytes.length > kind.maxBytes()) {
            throw invalid(kind, "the file is " + kilobytes(bytes.length) + "; at most " + kilobytes(kind.maxBytes())
                    + " is allowed.");
        }
        if (startsWith(bytes, PNG)) {
            checkRaster(kind, bytes, "png", "PNG");
            return BrandImage.of("image/png", bytes);
        }
        if (startsWith(bytes, JPEG)) {
            checkRaster(kind, bytes, "jpeg", "JPEG");
            return BrandImage.of("image/jpeg", bytes);
        }
        if (startsWith(bytes, "GIF8".getBytes(StandardCharsets.US_ASCII))) {
            throw invalid(kind, "it is a GIF image; use PNG, JPEG or SVG.");
        }
        if (startsWith(bytes, "MZ".getBytes(StandardCharsets.US_ASCII))
                || startsWith(bytes, new byte[] {0x7F, 'E', 'L', 'F'})) {
            throw invalid(kind, "it is a program, not an image; use PNG, JPEG or SVG.");
        }
        if (looksLikeSvg(bytes)) {
            SvgInspector.check(kind, bytes);
            return BrandImage.of("image/svg+xml", bytes);
        }
        throw invalid(kind, "its contents are not a PNG, JPEG or SVG image (whatever its name says).");
    }

    /** Re-checks an image already inside a branding document (which an API client may have written by hand). */
    public static BrandImage inspect(ImageKind kind, BrandImage image) {
        byte[] bytes;
        try {
            bytes = image.bytes();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(kind, "its data is not valid base64.");
        }
        var checked = inspect(kind, bytes);
        if (!checked.mediaType().equals(image.mediaType())) {
            throw invalid(kind, "it is declared as " + image.mediaType() + " but its contents are "
                    + checked.mediaType() + ".");
        }
        return checked;
    }

    /** Reads the dimensions first, so a tiny file claiming a huge canvas is refused before it is decoded. */
    private static void checkRaster(ImageKind kind, byte[] bytes, String format, String name) {
        var reader = ImageIO.getImageReadersByFormatName(format).next();
        try (var input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            var width = reader.getWidth(0);
            var height = reader.getHeight(0);
            if (width > kind.maxPixels() || height > kind.maxPixels()) {
                throw invalid(kind, "it is " + width + "x" + height + " pixels; at most " + kind.maxPixels() + "x"
                        + kind.maxPixels() + " is allowed.");
            }
            if (reader.read(0) == null) {
                throw invalid(kind, "it is not a readable " + name + " image.");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidValueException invalid) {
                throw invalid;
            }
            throw invalid(kind, "it starts like a " + name + " image but is damaged or malformed.");
        } finally {
            reader.dispose();
        }
    }

    private static boolean looksLikeSvg(byte[] bytes) {
        var head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8)
                .replace("\uFEFF", "").stripLeading().toLowerCase(Locale.ROOT);
        return (head.startsWith("<?xml") || head.startsWith("<svg") || head.startsWith("<!--")
                || head.startsWith("<!doctype")) && head.contains("<svg");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static String kilobytes(int bytes) {
        return bytes < 1024 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                .replace(".0 KB", " KB");
    }

    static InvalidValueException invalid(ImageKind kind, String why) {
        return new InvalidValueException(kind.field(), kind.label() + " refused: " + why);
    }
}
