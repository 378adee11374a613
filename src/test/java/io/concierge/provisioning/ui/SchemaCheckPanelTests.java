package io.concierge.provisioning.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.concierge.provisioning.TenantFixtures;
import io.concierge.provisioning.internal.TenantRoles;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class SchemaCheckPanelTests extends KaribuTest {

    @Autowired
    TenantService tenants;
    @Autowired
    TenantRoles roles;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_grant_added_by_hand_shows_as_drift_on_the_tenant_page() {
        var tenant = new TenantFixtures(tenants, jdbc).active("drift", 1).get(0);
        login(OPERATOR);
        navigate("tenants/" + tenant.slug());

        var card = _get(VerticalLayout.class, spec -> spec.withClasses("schema-check"));
        assertThat(_get(card, Paragraph.class).getText()).startsWith("The schema matches the template: structure,"
                + " ownership and privileges");

        jdbc.execute("GRANT SELECT ON " + tenant.schema().quoted() + ".orders TO " + roles.platform().quoted());
        _click(_get(card, Button.class, spec -> spec.withText("Check schema again")));

        assertThat(_get(card, Paragraph.class).getText()).isEqualTo("The schema has drifted from the template in 1 place.");
        assertThat(_get(card, Pre.class).getText()).isEqualTo("unexpected: grant on orders to " + roles.platform() + ": SELECT");
    }
}
