package io.concierge.shared;

import java.util.Objects;
import java.util.UUID;

/** Typed reference to a tenant; modules refer to tenants by this, never by JPA relation. */
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId random() {
        return new TenantId(UUID.randomUUID());
    }

    public static TenantId parse(String text) {
        try {
            return new TenantId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("'" + text + "' is not a tenant id");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
