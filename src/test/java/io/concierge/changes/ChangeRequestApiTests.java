package io.concierge.changes;

import io.concierge.access.AccessService;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.support.ApiTest;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The change-request endpoints: propose, read with ETag, the refusals as problems, approve and apply. */
class ChangeRequestApiTests extends ApiTest {

    @Autowired
    TenantService tenants;
    @Autowired
    AccessService access;
    @Autowired
    ApprovalPolicies policies;
    @Autowired
    ConfigurationAreas areas;

    @Test
    void a_partner_admin_proposes_over_the_api_cannot_approve_and_a_second_one_approves() throws Exception {
        var gated = new ChangeFixtures(tenants, access, consoleUsers, policies, areas).gatedTenant(1);
        var slug = gated.tenant().slug().value();
        var author = tokenOf(gated.author());
        var reviewer = tokenOf(gated.reviewer());
        var matrix = Actors.callAs(CurrentUser.SYSTEM, () -> access.current(gated.tenant().id()).orElseThrow().version()
                .content());
        var proposed = JSON.readTree(matrix);
        var roles = (com.fasterxml.jackson.databind.node.ArrayNode) proposed.get("roles");
        for (var role : roles) {
            if (role.get("key").asText().equals("advisor")) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) role.get("scopes")).add("orders:cancel");
            }
        }

        var created = post("/api/v1/tenants/" + slug + "/change-requests", author,
                Map.of("area", "access", "baseVersion", 1, "content", proposed, "comment", "Advisors cancel orders"));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        var id = created.json().get("request").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/v1/change-requests/" + id);
        assertThat(Actors.callAs(CurrentUser.SYSTEM, () -> access.can(gated.tenant().id(), "advisor", "orders:cancel")))
                .isFalse();

        var read = get("/api/v1/change-requests/" + id, reviewer);
        assertThat(read.status()).isEqualTo(200);
        var checksum = read.json().get("request").get("contentChecksum").asText();
        assertThat(read.header("ETag")).isEqualTo("\"" + checksum + "\"");
        assertThat(read.json().get("effect").get("loosened").get(0).asText()).isEqualTo("Advisor gains orders:cancel");

        var self = post("/api/v1/change-requests/" + id + "/approve", author, Map.of("checksum", checksum));
        assertThat(self.status()).as("an author never approves their own change").isEqualTo(403);
        assertThat(self.json().get("detail").asText()).isEqualTo("You proposed this change; someone else must approve it.");
        var other = new ChangeFixtures(tenants, access, consoleUsers, policies, areas).gatedTenant(1);
        var stranger = post("/api/v1/change-requests/" + id + "/approve", tokenOf(other.reviewer()),
                Map.of("checksum", checksum));
        assertThat(stranger.status()).as("another partner learns nothing").isEqualTo(404);
        var stale = post("/api/v1/change-requests/" + id + "/approve", reviewer, Map.of("checksum", "0".repeat(64)));
        assertThat(stale.status()).as("approving content other than the proposal's").isEqualTo(409);
        assertThat(stale.json().get("detail").asText()).startsWith("The proposed content of change request #" + id
                + " changed after you opened it");

        var revised = post("/api/v1/change-requests/" + id + "/revise", author, Map.of("checksum", checksum,
                "content", proposed, "comment", "Same again"));
        assertThat(revised.status()).isEqualTo(400);
        assertThat(revised.json().get("detail").asText()).isEqualTo("Nothing to revise: the content is the same as proposed.");

        var approved = post("/api/v1/change-requests/" + id + "/approve", reviewer, Map.of("checksum", checksum,
                "comment", "ok"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("state").asText()).isEqualTo("APPLIED");
        assertThat(approved.json().get("appliedVersion").asLong()).isEqualTo(2);
        assertThat(Actors.callAs(CurrentUser.SYSTEM, () -> access.can(gated.tenant().id(), "advisor", "orders:cancel")))
                .isTrue();
    }
}
