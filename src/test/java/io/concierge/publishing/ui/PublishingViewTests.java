package io.concierge.publishing.ui;

import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.support.TestTenants;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.button.Button;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.publishing.PublishingService;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import com.github.mvysny.kaributesting.v10.GridKt;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PublishingViewTests extends KaribuTest {

    private static final String ACCESS = "{\"catalogVersion\":\"2026.11\",\"roles\":[{\"key\":\"investor\","
            + "\"name\":\"Investor\",\"scopes\":[\"orders:create\"]}]}";

    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;
    @Autowired
    PublishingService publishing;

    @Test
    void the_publication_panel_shows_saved_and_published_versions_and_the_failure() {
        login(OPERATOR);
        var good = tenant("panel");
        store.save(good.id(), good.slug(), ConfigArea.ACCESS, 1, ACCESS, "first matrix");
        var bad = tenant("panelbad");
        store.save(bad.id(), bad.slug(), ConfigArea.ACCESS, 1, "{\"roles\":[{\"key\":\"Not Valid\"}]}", "broken");
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> publishing.isUpToDate(good.id())
                && publishing.status(bad.id()).failing());

        navigate("tenants/" + good.slug());
        var panel = _get(PublicationPanel.class);
        assertThat(_getFormattedRow(panel.grid, 2)).startsWith("Roles and permissions", "v2", "v2");
        assertThat(_getFormattedRow(panel.grid, 3)).startsWith("Tenant status", "Active", "ACTIVE");
        assertThat(panel.summary.getText()).startsWith("Up to date");
        _click(_get(Button.class, spec -> spec.withText("Reconcile now")));
        expectNotifications("The cache matches the database.");

        navigate("tenants/" + bad.slug());
        var failing = _get(PublicationPanel.class);
        assertThat(_getFormattedRow(failing.grid, 2)).startsWith("Roles and permissions", "v2", "v1");
        assertThat(_getFormattedRow(failing.grid, 2).get(4)).contains("role key 'Not Valid' is not valid");
        assertThat(failing.summary.getText()).startsWith("Not published: access configuration: role key 'Not Valid'");

        // the operators' list of failing publications (the home page's number links here) lists it, and as many
        // rows as the home page counts
        navigate("publishing?state=failing");
        var list = _get(PublishingView.class);
        assertThat(GridKt._findAll(list.grid)).extracting(s -> s.slug().value()).contains(bad.slug().value())
                .doesNotContain(good.slug().value());
        assertThat((long) GridKt._size(list.grid)).isEqualTo(publishing.attention(Duration.ofMinutes(5)).failing());
        assertThat(list.summary.getText()).contains("showing the failing ones");

        // leave nothing failing behind for other tests
        store.save(bad.id(), bad.slug(), ConfigArea.ACCESS, 2, ACCESS, "fixed");
    }

    @Test
    void an_operator_rebuilds_the_whole_cache_and_watches_its_progress() throws InterruptedException {
        login(OPERATOR);
        tenant("rebuildui");
        navigate("publishing");
        var view = _get(PublishingView.class);

        _click(_get(Button.class, spec -> spec.withText("Rebuild whole cache")));
        // it asks first, saying what will happen
        var confirm = _get(io.concierge.shared.ui.ConfirmAction.class);
        assertThat(confirm.getHeaderTitle()).isEqualTo("Rebuild the whole cache?");
        _click(_get(confirm, Button.class, spec -> spec.withText("Rebuild whole cache")));

        var deadline = System.currentTimeMillis() + 60_000;
        while (!view.progressText.getText().startsWith("Rebuilt") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            MockVaadin.clientRoundtrip();
        }
        assertThat(view.progressText.getText()).startsWith("Rebuilt");
        assertThat(view.progress.getValue()).isEqualTo(1.0);
        assertThat(_get(Button.class, spec -> spec.withText("Rebuild whole cache")).isEnabled()).isTrue();
    }

    @Test
    void an_auditor_sees_publication_state_but_no_action_buttons() {
        login(OPERATOR);
        var tenant = tenant("auditui");
        login(AUDITOR);

        navigate("publishing");
        _get(PublishingView.class);
        _assertNone(Button.class, spec -> spec.withText("Reconcile all"));
        _assertNone(Button.class, spec -> spec.withText("Rebuild whole cache"));

        navigate("tenants/" + tenant.slug());
        _get(PublicationPanel.class);
        _assertNone(Button.class, spec -> spec.withText("Reconcile now"));
    }

    @Test
    void a_partner_admin_cannot_open_the_operators_publishing_view() {
        login(OPERATOR);
        var tenant = tenant("partnerui");
        login(partnerAdmin(tenant.id(), tenant.slug()));

        assertRefused("publishing");
    }

    private TenantSummary tenant(String prefix) {
        var tenant = TestTenants.active(tenants, uniqueSlug(prefix));
        // the access module seeds version 1 of the roles on activation; saves here build on it
        await().atMost(Duration.ofSeconds(30)).until(() -> Actors.callAs(CurrentUser.SYSTEM,
                () -> store.current(tenant.id(), ConfigArea.ACCESS).isPresent()));
        return tenant;
    }
}
