package io.concierge.branding.internal;

import io.concierge.branding.BrandingPreset;
import io.concierge.branding.ImageKind;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The presets shipped under themes/ on the classpath: each folder's preset.json plus its logo.svg. Loaded once;
 * a preset that breaks the schema or the branding rules fails start-up rather than reaching a partner.
 */
@Component
public class PresetCatalog {

    private final List<BrandingPreset> presets;

    PresetCatalog(BrandingDocuments documents) {
        try {
            var resolver = new PathMatchingResourcePatternResolver();
            presets = Arrays.stream(resolver.getResources("classpath*:themes/*/preset.json"))
                    .map(resource -> load(documents, resource))
                    .sorted(Comparator.comparing(BrandingPreset::key))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list branding presets", e);
        }
    }

    public List<BrandingPreset> all() {
        return presets;
    }

    private static BrandingPreset load(BrandingDocuments documents, Resource file) {
        try {
            var key = folderName(file);
            var branding = documents.fromJson(file.getContentAsString(StandardCharsets.UTF_8));
            var logo = file.createRelative("logo.svg");
            if (logo.exists()) {
                branding = branding.withLogo(ImageInspector.inspect(ImageKind.LOGO, logo.getContentAsByteArray()));
            }
            branding = BrandingValidator.validate(branding);
            return new BrandingPreset(key, branding.displayName(), branding);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read branding preset " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("branding preset " + file + " is invalid: " + e.getMessage(), e);
        }
    }

    private static String folderName(Resource file) throws IOException {
        var path = file.getURL().getPath();
        var folder = path.substring(0, path.lastIndexOf('/'));
        return folder.substring(folder.lastIndexOf('/') + 1);
    }
}
