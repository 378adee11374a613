package io.concierge.access.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.concierge.access.AccessMatrix;
import io.concierge.access.Permission;
import io.concierge.access.PermissionCatalog;
import io.concierge.access.RoleGrant;
import io.concierge.shared.InvalidValueException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON forms of the access area: the stored matrix (the publishing contract), the shipped catalogue and
 * the role templates. Records map one to one onto these documents, so Jackson needs no mapping layer.
 */
public final class MatrixJson {

    /** Stored content may carry fields a newer console added; reading it must not fail on them. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private MatrixJson() {
    }

    public static String write(AccessMatrix matrix) {
        try {
            return JSON.writeValueAsString(matrix);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an access matrix as JSON", e);
        }
    }

    public static AccessMatrix read(String json) {
        try {
            return JSON.readValue(json, AccessMatrix.class);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("Stored roles and permissions are not a valid matrix: " + e.getOriginalMessage());
        }
    }

    record CatalogFile(String version, List<Permission> scopes, List<String> sensitive) {
    }

    record TemplatesFile(List<RoleGrant> roles) {
    }

    static PermissionCatalog readCatalog(InputStream in) {
        try {
            var file = JSON.readValue(in, CatalogFile.class);
            return new PermissionCatalog(file.version(), file.scopes(),
                    file.sensitive() == null ? java.util.Set.of() : java.util.Set.copyOf(file.sensitive()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permission catalogue", e);
        }
    }

    static List<RoleGrant> readTemplates(InputStream in) {
        try {
            return JSON.readValue(in, TemplatesFile.class).roles();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the role templates", e);
        }
    }
}
