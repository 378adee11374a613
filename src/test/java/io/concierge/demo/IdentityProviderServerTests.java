package io.concierge.demo;

import io.concierge.demo.idp.IdentityProviderServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process provider on its own: it publishes OIDC discovery for its own address. */
class IdentityProviderServerTests {

    @Test
    void the_provider_publishes_its_discovery_document_and_keys() throws Exception {
        try (var server = IdentityProviderServer.start(new IdentityProviderServer.Settings("127.0.0.1", 0,
                List.of(new IdentityProviderServer.User("u1", "p1", "u1@example.com", List.of("g"))),
                new IdentityProviderServer.Client("c", "s", List.of("http://127.0.0.1/cb"))))) {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.issuer() + "/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"issuer\":\"" + server.issuer() + "\"").contains("jwks_uri")
                    .contains("S256");
        }
    }
}
