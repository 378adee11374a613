package io.concierge.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the generated OpenAPI document says of the API as a whole: its title, the bearer token every operation
 * needs, and a relative server (so the document is the same on every host, and equal to docs/openapi.json).
 */
@Configuration
class ApiDocumentation {

    @Bean
    OpenAPI conciergeApi() {
        return new OpenAPI()
                .info(new Info().title("Concierge API").version("v1").description("""
                        Everything the console does, for automation. Authenticate with a personal access token or \
                        a service account's token as `Authorization: Bearer cnc_...` (or a signed-in browser \
                        session with its CSRF token). Errors are RFC 9457 problem details. Area reads answer an \
                        ETag; writes need If-Match. POSTs accept an Idempotency-Key."""))
                .servers(java.util.List.of(new Server().url("/").description("this console")))
                .components(new Components().addSecuritySchemes("token", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("cnc_pat_... or cnc_sa_...")))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }
}
