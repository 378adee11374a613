package io.concierge.changes.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.access.AccessService;
import io.concierge.changes.ApprovalPolicies;
import io.concierge.changes.ChangeFixtures;
import io.concierge.changes.ChangeRequest;
import io.concierge.changes.ChangeRequests;
import io.concierge.changes.ChangeState;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.FieldChange;
import io.concierge.configuration.ui.DiffList;
import io.concierge.rules.RulesService;
import io.concierge.rules.InvestmentRules;
import io.concierge.security.Actors;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The request page, the inbox, the tenant page's list and policies, per persona and state, with every refusal. */
class ChangeRequestViewTests extends KaribuTest {

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
    @Autowired
    RulesService rules;
    @Autowired
    JdbcTemplate jdbc;

    ChangeFixtures fixtures;
    ChangeFixtures.Gated gated;
    long id;

    @BeforeEach
    void aProposal() {
        fixtures = new ChangeFixtures(tenants, access, users, policies, areas);
        gated = fixtures.gatedTenant(1);
        id = fixtures.propose(gated, gated.author(), "advisor", "payments:approve-withdrawal");
    }

    private static Button button(String text) {
        return _get(Button.class, s -> s.withText(text));
    }

    private static String refusalShown() {
        return _get(Paragraph.class, s -> s.withClasses("concierge-approval-refusal")).getText();
    }

    private static List<String> items(String className) {
        return _find(_get(Component.class, s -> s.withClasses(className)), ListItem.class).stream()
                .map(ListItem::getText).toList();
    }

    private ChangeRequest request() {
        return Actors.callAs(CurrentUser.SYSTEM, () -> requests.find(id).orElseThrow());
    }

    @Test
    void the_reviewer_sees_the_diff_and_its_effect_and_approves_and_the_change_is_applied() {
        login(gated.reviewer());
        navigate("changes/" + id);

        @SuppressWarnings("unchecked")
        Grid<FieldChange> diff = _get(_get(DiffList.class), Grid.class);
        assertThat(GridKt._getFormattedRow(diff, 0)).containsExactly("Advisor", "–", "payments:approve-withdrawal");
        assertThat(items("concierge-effect-loosened")).containsExactly("Advisor gains payments:approve-withdrawal");
        assertThat(items("concierge-effect-sensitive")).containsExactly("payments:approve-withdrawal: Advisor gains it");
        assertThat(_get(Span.class, s -> s.withClasses("concierge-change-state")).getText()).isEqualTo("Open");

        _setValue(_get(TextArea.class), "Branch managers asked for it");
        _click(button("Approve"));

        assertThat(_get(Span.class, s -> s.withClasses("concierge-change-state")).getText()).isEqualTo("Applied");
        _assertNone(Button.class, s -> s.withText("Approve"));
        assertThat(Actors.callAs(CurrentUser.SYSTEM, () -> access.can(gated.tenant().id(), "advisor",
                "payments:approve-withdrawal"))).isTrue();
        assertThat(items("concierge-timeline")).anySatisfy(t -> assertThat(t).contains(gated.reviewer().username())
                .contains("Approved"));
    }

    @Test
    void the_author_cannot_approve_and_is_told_why_and_may_withdraw() {
        login(gated.author());
        navigate("changes/" + id);

        assertThat(refusalShown()).isEqualTo("You proposed this change; someone else must approve it.");
        _assertNone(Button.class, s -> s.withText("Approve"));
        _click(button("Withdraw"));
        assertThat(request().state()).isEqualTo(ChangeState.WITHDRAWN);
        assertThat(_get(Span.class, s -> s.withClasses("concierge-change-state")).getText()).isEqualTo("Withdrawn");
    }

    @Test
    void an_auditor_reads_the_request_but_cannot_approve_and_has_no_inbox() {
        login(AUDITOR);
        navigate("changes/" + id);
        assertThat(refusalShown()).isEqualTo("Auditors read change requests; they never approve or reject them.");
        _assertNone(Button.class, s -> s.withText("Approve"));
        _assertNone(Button.class, s -> s.withText("Reject"));
        assertRefused("changes");
    }

    @Test
    void a_partner_admin_of_another_tenant_is_refused_and_an_unknown_request_is_no_such_page() {
        var other = fixtures.gatedTenant(1);
        login(other.reviewer());
        assertRefused("changes/" + id);
        assertNoSuchPage("changes/999999999");
        assertNoSuchPage("changes/abc");
    }

    @Test
    void a_deactivated_reviewer_is_told_they_approve_nothing() {
        Actors.runAs(OPERATOR, () -> users.deactivate(gated.reviewer().username()));
        login(gated.reviewer());
        navigate("changes/" + id);
        assertThat(refusalShown()).isEqualTo("Your account " + gated.reviewer().username()
                + " is not an active console user; a deactivated user approves nothing.");
        _assertNone(Button.class, s -> s.withText("Approve"));
    }

    @Test
    void rejecting_needs_a_reason_shown_on_the_page() {
        login(gated.reviewer());
        navigate("changes/" + id);
        _click(button("Reject"));
        assertThat(_get(Paragraph.class, s -> s.withClasses("concierge-action-error")).getText())
                .isEqualTo("A short comment saying why is required.");
        assertThat(request().state()).isEqualTo(ChangeState.OPEN);
        _setValue(_get(TextArea.class), "Too broad");
        _click(button("Reject"));
        assertThat(request().state()).isEqualTo(ChangeState.REJECTED);
        assertThat(_get(Div.class, s -> s.withClasses("concierge-change-note")).getElement().getTextRecursively()).isEqualTo("Too broad");
    }

    @Test
    void a_conflicted_request_shows_what_changed_since_and_offers_the_rebase() {
        Actors.runAs(OPERATOR, () -> access.save(gated.tenant().id(), 1,
                fixtures.matrix(gated.tenant()).withoutRole("support_agent"), "No support agents"));
        Actors.runAs(gated.reviewer(), () -> requests.approve(id, request().contentChecksum(), null));
        login(gated.author());
        navigate("changes/" + id);

        assertThat(_get(Span.class, s -> s.withClasses("concierge-change-state")).getText()).isEqualTo("Conflicted");
        assertThat(_get(Div.class, s -> s.withClasses("concierge-change-note")).getElement().getTextRecursively())
                .startsWith("Version 2 was saved by ops at");
        _get(H3.class, s -> s.withText("Changed in the area since version 1"));
        _click(button("Re-base onto the current version"));
        assertThat(request().state()).isEqualTo(ChangeState.OPEN);
        assertThat(request().baseVersion()).isEqualTo(2);
    }

    @Test
    void content_changed_in_the_database_is_flagged_and_nobody_may_approve() {
        jdbc.update("UPDATE concierge.change_request SET content = replace(content, 'payments:approve-withdrawal', "
                + "'payments:refund') WHERE id = ?", id);
        login(gated.reviewer());
        navigate("changes/" + id);
        assertThat(refusalShown()).startsWith("The stored content of change request #" + id
                + " does not match the checksum");
        _assertNone(Button.class, s -> s.withText("Approve"));
    }

    @Test
    void an_operator_breaks_glass_with_a_typed_reason_and_the_home_page_shows_it_until_reviewed() {
        login(gated.operator());
        navigate("changes/" + id);
        _click(button("Apply without approval (break glass)…"));
        var dialog = _get(Dialog.class);
        _click(_get(dialog, Button.class, s -> s.withText("Apply without approval")));
        assertThat(_get(dialog, TextArea.class).getErrorMessage()).isEqualTo("Type the reason for applying without "
                + "approval (at least 10 characters); it is recorded and reviewed.");
        assertThat(request().state()).isEqualTo(ChangeState.OPEN);
        _setValue(_get(dialog, TextArea.class), "Withdrawals are stuck at market open");
        _click(_get(dialog, Button.class, s -> s.withText("Apply without approval")));

        assertThat(request().state()).isEqualTo(ChangeState.APPLIED);
        assertThat(_get(Div.class, s -> s.withClasses("concierge-break-glass")).getElement().getTextRecursively())
                .contains("break glass").contains("Withdrawals are stuck at market open").contains("not reviewed yet");
        _assertNone(Button.class, s -> s.withText("Mark break glass reviewed"));

        navigate("");
        assertThat(_find(Div.class, s -> s.withClasses("home-break-glass"))).anySatisfy(row ->
                assertThat(row.getElement().getTextRecursively()).contains("#" + id).contains("Withdrawals are stuck at market open"));

        login(OPERATOR);
        navigate("changes/" + id);
        _click(button("Mark break glass reviewed"));
        navigate("");
        assertThat(_find(Div.class, s -> s.withClasses("home-break-glass")))
                .noneSatisfy(row -> assertThat(row.getElement().getTextRecursively()).contains("#" + id + " "));
    }

    @Test
    void the_author_schedules_the_apply_and_a_time_in_the_past_is_refused() {
        login(gated.author());
        navigate("changes/" + id);
        var at = _get(com.vaadin.flow.component.datetimepicker.DateTimePicker.class);
        at.setValue(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusHours(1));
        _click(button("Schedule"));
        assertThat(_get(Paragraph.class, s -> s.withClasses("concierge-action-error")).getText())
                .isEqualTo("The time to apply must be in the future.");
        var later = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(1).withNano(0).withSecond(0);
        _get(com.vaadin.flow.component.datetimepicker.DateTimePicker.class).setValue(later);
        _click(button("Schedule"));
        assertThat(request().applyAt()).isEqualTo(later.toInstant(java.time.ZoneOffset.UTC));

        Actors.runAs(gated.reviewer(), () -> requests.approve(id, request().contentChecksum(), null));
        assertThat(request().state()).isEqualTo(ChangeState.SCHEDULED);
        navigate("");
        login(gated.reviewer());
        navigate("changes/" + id);
        assertThat(_get(Span.class, s -> s.withClasses("concierge-change-state")).getText()).isEqualTo("Scheduled");
        _click(button("Apply now"));
        assertThat(request().state()).isEqualTo(ChangeState.APPLIED);
    }

    @Test
    void a_partner_admins_home_page_counts_what_waits_for_their_review() {
        login(gated.reviewer());
        navigate("");
        assertThat(_find(Div.class, s -> s.withClasses("home-figure")).stream()
                .map(d -> d.getElement().getTextRecursively()))
                .contains("1 waiting for your review", "0 of your requests open");
    }

    @Test
    void a_partner_admin_cannot_break_glass_or_see_the_control() {
        login(gated.reviewer());
        navigate("changes/" + id);
        _assertNone(Button.class, s -> s.withText("Apply without approval (break glass)…"));
    }

    @Test
    void the_inbox_and_the_menu_count_show_what_waits_for_whom() {
        login(gated.reviewer());
        navigate("changes");
        _get(H3.class, s -> s.withText("Waiting for my review (1)"));
        @SuppressWarnings("unchecked")
        Grid<ChangeRequest> waiting = _get(Grid.class, s -> s.withClasses("concierge-inbox-review"));
        assertThat(GridKt._getFormattedRow(waiting, 0)).startsWith("#" + id, gated.tenant().slug().value(),
                "Roles and permissions", "Open", "0 of 1", gated.author().username());
        _get(H3.class, s -> s.withText("My open requests (0)"));
        assertThat(_get(Span.class, s -> s.withClasses("concierge-menu-count")).getText()).isEqualTo("1");

        navigate("");
        login(gated.author());
        navigate("changes");
        _get(H3.class, s -> s.withText("Waiting for my review (0)"));
        _get(H3.class, s -> s.withText("My open requests (1)"));
    }

    @Test
    void the_tenant_page_lists_open_requests_and_an_operator_lowering_a_policy_waits_for_approval() {
        login(gated.author());
        navigate("tenants/" + gated.tenant().slug());
        _get(H3.class, s -> s.withText("Open change requests (1)"));
        assertThat(_get(Paragraph.class, s -> s.withClasses("concierge-policy-access")).getText())
                .isEqualTo("Roles and permissions: 1 approval before a change goes live");
        _assertNone(Button.class, s -> s.withText("Set policy"));

        navigate("");
        login(OPERATOR);
        navigate("tenants/" + gated.tenant().slug());
        @SuppressWarnings("unchecked")
        Select<Integer> approvals = _get(Select.class, s -> s.withLabel("Approvals needed"));
        approvals.setValue(0);
        _click(button("Set policy"));
        assertThat(_get(TextField.class, s -> s.withLabel("Why")).getErrorMessage())
                .isEqualTo("A short comment saying why is required.");
        _setValue(_get(TextField.class, s -> s.withLabel("Why")), "The partner is small");
        _click(button("Set policy"));
        assertThat(Actors.callAs(OPERATOR, () -> policies.required(gated.tenant().id(), ConfigArea.ACCESS))).isEqualTo(1);
        _get(H3.class, s -> s.withText("Open change requests (2)"));
    }

    @Test
    void a_rules_request_says_which_limits_loosen_and_which_tighten() {
        Actors.runAs(CurrentUser.SYSTEM, () -> policies.set(gated.tenant().id(), ConfigArea.RULES, 1, "Four eyes"));
        var base = RulesService.defaults();
        var stocks = base.usStocks();
        var changed = new InvestmentRules(base.assetClasses(), base.fractionalShares(),
                new InvestmentRules.AssetClassRules(stocks.minimumOrder(), new BigDecimal("20000.00"),
                        stocks.minimumKyc()), base.etfs(), base.mutualFunds(),
                new InvestmentRules.DailyLimits(60, base.daily().maxAmountUsd(),
                        base.daily().maxAmountInr()), base.sip(), base.restrictedTickers(), base.fundCategories(),
                base.lotMatching(), base.tradingWindow());
        var rulesRequest = Actors.callAs(gated.author(), () -> {
            Actors.runAs(CurrentUser.SYSTEM, () -> rules.save(gated.tenant().id(), 0, base, "Starting rules"));
            return ((io.concierge.configuration.Submission.Proposed) areas.submit(rules.area(), gated.tenant().id(), 1,
                    changed, "More room for US stocks")).request();
        });
        login(gated.reviewer());
        navigate("changes/" + rulesRequest);
        assertThat(items("concierge-effect-loosened")).containsExactly("Daily order count limit 50 → 60");
        assertThat(items("concierge-effect-tightened")).containsExactly(
                "Maximum order for US stocks $25,000.00 → $20,000.00");
    }
}
