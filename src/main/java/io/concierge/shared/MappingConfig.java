package io.concierge.shared;

import org.mapstruct.MapperConfig;
import org.mapstruct.MappingConstants;
import org.mapstruct.ReportingPolicy;

import java.util.UUID;

/**
 * One configuration for every MapStruct mapper: a target field nobody maps fails the build instead of
 * silently dropping data. Also teaches mappers the shared value types.
 */
@MapperConfig(componentModel = MappingConstants.ComponentModel.SPRING, unmappedTargetPolicy = ReportingPolicy.ERROR,
        uses = MappingConfig.ValueTypes.class)
public interface MappingConfig {

    /** Conversions between the shared value types and their stored forms. */
    final class ValueTypes {

        private ValueTypes() {
        }

        public static TenantId tenantId(UUID value) {
            return value == null ? null : new TenantId(value);
        }

        public static UUID uuid(TenantId value) {
            return value == null ? null : value.value();
        }

        public static TenantSlug slug(String value) {
            return value == null ? null : new TenantSlug(value);
        }

        public static String text(TenantSlug value) {
            return value == null ? null : value.value();
        }
    }
}
