package io.concierge.configuration.internal;

import io.concierge.configuration.ConfigVersion;
import io.concierge.shared.MappingConfig;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper(config = MappingConfig.class)
public interface ConfigVersionMapper {

    @Mapping(target = "tenant", source = "tenantId")
    ConfigVersion toVersion(ConfigVersionEntity entity);
}
