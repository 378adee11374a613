package io.concierge.audit;

import io.concierge.audit.internal.AuditCheckpoints;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.security.Actors;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** GET /api/v1/audit/export (and the old /api/audit paths) through the real security filter chains. */
class AuditExportApiTests extends IntegrationTest {

    @Autowired
    WebApplicationContext context;
    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;
    @Autowired
    AuditCheckpoints checkpoints;

    private MockMvc mvc;
    private TenantSummary acme;
    private TenantSummary globex;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        signIn(OPERATOR);
        acme = tenants.register(new NewTenant(uniqueSlug("apia"), "Api A", "a@api.example", null)).tenant();
        globex = tenants.register(new NewTenant(uniqueSlug("apib"), "Api B", "b@api.example", null)).tenant();
        store.save(acme.id(), acme.slug(), ConfigArea.RULES, 0, "{\"max\":5}", "limits, with a comma");
    }

    @Test
    void an_auditor_downloads_the_filtered_history_as_csv() throws Exception {
        var result = mvc.perform(get("/api/v1/audit/export").param("format", "csv").param("tenant", acme.slug().value())
                        .with(authentication(Actors.authentication(AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"audit-" + acme.slug().value() + ".csv\""))
                .andReturn();
        var lines = result.getResponse().getContentAsString().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains("configuration.saved", "\"limits, with a comma\"", "\"{\"\"max\"\":5}\"");
        assertThat(lines[2]).contains("tenant.registered");
    }

    @Test
    void an_operator_downloads_json() throws Exception {
        mvc.perform(get("/api/v1/audit/export").param("format", "json").param("tenant", acme.slug().value())
                        .param("action", "configuration.saved").with(authentication(Actors.authentication(OPERATOR))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].after.max").value(5))
                .andExpect(jsonPath("$[0].produced_version").value(1));
    }

    @Test
    void an_auditor_downloads_the_signed_checkpoints_and_a_partner_admin_may_not() throws Exception {
        var signed = checkpoints.take().orElseThrow();
        var result = mvc.perform(get("/api/v1/audit/checkpoints").with(authentication(Actors.authentication(AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/x-ndjson;charset=UTF-8"))
                .andReturn();
        assertThat(result.getResponse().getContentAsString().lines().toList()).last().asString()
                .contains("\"entryId\":" + signed.entryId(), "\"count\":" + signed.count(),
                        "\"keyId\":\"" + signed.keyId() + "\"", "\"signature\":\"" + signed.signature() + "\"");
        mvc.perform(get("/api/v1/audit/checkpoints")
                        .with(authentication(Actors.authentication(partnerAdmin(acme.id(), acme.slug())))))
                .andExpect(status().isForbidden());
    }

    @Test
    void bad_filters_are_answered_with_400_and_the_reason() throws Exception {
        var auditor = authentication(Actors.authentication(AUDITOR));
        mvc.perform(get("/api/v1/audit/export").param("format", "xml").with(auditor))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Format must be csv or json, not 'xml'."))
                .andExpect(jsonPath("$.field").value("format"));
        mvc.perform(get("/api/v1/audit/export").param("from", "yesterday").with(auditor))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/audit/export").param("action", "tenant.deleted").with(auditor))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/audit/export").param("from", "2026-11-02").param("to", "2026-11-01").with(auditor))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("after its start")));
    }

    @Test
    void a_partner_admin_exports_only_their_own_tenant() throws Exception {
        var admin = authentication(Actors.authentication(partnerAdmin(acme.id(), acme.slug())));
        var own = mvc.perform(get("/api/v1/audit/export").with(admin)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(own).contains(acme.slug().value()).doesNotContain(globex.slug().value());
        mvc.perform(get("/api/v1/audit/export").param("tenant", globex.slug().value()).with(admin))
                .andExpect(status().isForbidden());
    }

    @Test
    void nobody_signed_in_gets_nothing() throws Exception {
        var response = mvc.perform(get("/api/v1/audit/export")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).doesNotContain("tenant.registered");
    }

    @Test
    void the_old_paths_redirect_to_the_api_with_their_query() throws Exception {
        mvc.perform(get("/api/audit/export?format=csv&tenant=" + acme.slug()))
                .andExpect(status().isPermanentRedirect())
                .andExpect(header().string("Location", "/api/v1/audit/export?format=csv&tenant=" + acme.slug()));
        mvc.perform(get("/api/audit/checkpoints"))
                .andExpect(status().isPermanentRedirect())
                .andExpect(header().string("Location", "/api/v1/audit/checkpoints"));
    }
}
