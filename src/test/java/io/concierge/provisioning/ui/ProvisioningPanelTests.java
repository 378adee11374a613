package io.concierge.provisioning.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import io.concierge.provisioning.TenantFixtures;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class ProvisioningPanelTests extends KaribuTest {

    @Autowired
    TenantService tenants;
    @Autowired
    JdbcTemplate jdbc;
    TenantFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new TenantFixtures(tenants, jdbc);
    }

    @Test
    void an_operator_sees_the_provisioning_run_and_its_steps_on_the_tenant_page() {
        var tenant = fixtures.active("panel", 1).get(0);
        login(OPERATOR);
        navigate("tenants/" + tenant.slug());

        var card = _get(RunsCard.class);
        assertThat(_get(card, H3.class).getText()).isEqualTo("Schema provisioning");
        assertThat(_find(card, Div.class, spec -> spec.withClasses("provisioning-step")))
                .extracting(Div::getText)
                .hasSize(4)
                .allMatch(text -> text.startsWith("✔ "))
                .anyMatch(text -> text.contains("schema created") && text.contains("copied template tenant_template"))
                .anyMatch(text -> text.contains("active") && text.contains("tenant is active at changelog 1.1.0"));
        assertThat(_find(card, Span.class, spec -> spec.withText("Succeeded"))).hasSize(1);
        assertThat(_find(card, Button.class)).as("nothing to do for a current tenant").isEmpty();
    }

    @Test
    void the_page_follows_provisioning_live_and_shows_the_tenant_active_when_it_finishes() {
        login(OPERATOR);
        var slug = uniqueSlug("live");
        tenants.register(new io.concierge.tenant.NewTenant(slug, "Live Ltd", "ops@example.com", null));
        navigate("tenants/" + slug);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).pollInSameThread()
                .until(() -> {
                    MockVaadin.clientRoundtrip();
                    return !_find(Span.class, spec -> spec.withText("Active").withClasses("status-badge")).isEmpty();
                });
        assertThat(_find(_get(RunsCard.class), Span.class, spec -> spec.withText("Succeeded"))).hasSize(1);
    }

    @Test
    void auditors_and_partner_admins_see_the_runs_but_no_operator_actions() {
        var tenant = fixtures.active("panelro", 1).get(0);
        for (var user : java.util.List.of(AUDITOR, partnerAdmin(tenant.id(), tenant.slug()))) {
            login(user);
            navigate("tenants/" + tenant.slug());
            var card = _get(RunsCard.class);
            assertThat(_find(card, Div.class, spec -> spec.withClasses("provisioning-step"))).hasSize(4);
            assertThat(_find(card, Button.class)).as(user.username()).isEmpty();
        }
    }
}
