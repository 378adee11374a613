package io.concierge.tenant.internal;

import io.concierge.shared.MappingConfig;
import io.concierge.tenant.TenantSummary;
import org.mapstruct.Mapper;

@Mapper(config = MappingConfig.class)
public interface TenantMapper {

    TenantSummary toSummary(Tenant tenant);
}
