package io.concierge.branding;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Images and brandings the branding tests build on. */
public final class BrandingTestData {

    static final String SAFE_SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
            + "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#123456\"/></linearGradient></defs>"
            + "<rect width=\"10\" height=\"10\" fill=\"url(#g)\"/></svg>";

    private BrandingTestData() {
    }

    public static Branding valid(String name) {
        return new Branding(name, null, null, "#1A4D8F", "#C9A227", "#B5522B", FontFamily.INTER, CornerStyle.ROUNDED,
                ColorMode.LIGHT, "help@partner.example", "https://help.partner.example/faq");
    }

    static Branding withColors(Branding b, String primary, String accent) {
        return new Branding(b.displayName(), b.logo(), b.favicon(), primary, b.secondaryColor(), accent,
                b.fontFamily(), b.cornerStyle(), b.defaultMode(), b.supportEmail(), b.supportUrl());
    }

    static Branding withContacts(Branding b, String email, String url) {
        return new Branding(b.displayName(), b.logo(), b.favicon(), b.primaryColor(), b.secondaryColor(),
                b.accentColor(), b.fontFamily(), b.cornerStyle(), b.defaultMode(), email, url);
    }

    static byte[] svg(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] png(int width, int height) {
        return raster(width, height, "png", BufferedImage.TYPE_INT_ARGB);
    }

    static byte[] jpeg(int width, int height) {
        return raster(width, height, "jpeg", BufferedImage.TYPE_INT_RGB);
    }

    private static byte[] raster(int width, int height, String format, int type) {
        var image = new BufferedImage(width, height, type);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.BLUE);
        g.fillRect(0, 0, width / 2, height / 2);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
