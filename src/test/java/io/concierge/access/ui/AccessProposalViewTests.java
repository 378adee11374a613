package io.concierge.access.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;
import io.concierge.access.AccessService;
import io.concierge.changes.ApprovalPolicies;
import io.concierge.changes.ChangeFixtures;
import io.concierge.changes.ChangeRequests;
import io.concierge.changes.ChangeState;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.ui.ReviewChangesDialog;
import io.concierge.security.Actors;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The matrix editor of a tenant whose roles need an approval: saving proposes, and says so with a link. */
class AccessProposalViewTests extends KaribuTest {

    @Autowired
    TenantService tenants;
    @Autowired
    AccessService access;
    @Autowired
    ConsoleUserService users;
    @Autowired
    ApprovalPolicies policies;
    @Autowired
    ConfigurationAreas areas;
    @Autowired
    ChangeRequests requests;

    @Test
    void saving_a_gated_matrix_opens_a_change_request_and_no_version() {
        var gated = new ChangeFixtures(tenants, access, users, policies, areas).gatedTenant(1);
        login(gated.author());
        navigate("tenants/" + gated.tenant().slug() + "/access");
        var grid = _get(MatrixGrid.class);
        MatrixCells.click(grid, "orders:cancel", "advisor");
        _click(_get(Button.class, s -> s.withText("Review and save…")));
        var dialog = _get(ReviewChangesDialog.class);
        _setValue(_get(dialog, TextArea.class), "Advisors may cancel orders");
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        var notification = _get(Notification.class);
        var link = _get(notification, Anchor.class);
        assertThat(link.getText()).startsWith("Open change request #");
        var id = Long.parseLong(link.getHref().substring("changes/".length()));
        assertThat(_get(notification, Span.class).getText()).isEqualTo("Change request #" + id
                + " is waiting for 1 approval. Nothing changes for the platform until it is approved. ");
        assertThat(Actors.callAs(CurrentUser.SYSTEM, () -> access.can(gated.tenant().id(), "advisor", "orders:cancel")))
                .isFalse();
        var request = Actors.callAs(CurrentUser.SYSTEM, () -> requests.find(id).orElseThrow());
        assertThat(request.state()).isEqualTo(ChangeState.OPEN);
        assertThat(request.author()).isEqualTo(gated.author().username());
        assertThat(request.baseVersion()).isEqualTo(1);
    }
}
