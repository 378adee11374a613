package io.concierge.rules.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.internal.nodefeature.ElementPropertyMap;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.FieldChange;
import io.concierge.configuration.ui.ConflictNotice;
import io.concierge.configuration.ui.HistoryDialog;
import io.concierge.configuration.ui.ReviewChangesDialog;
import io.concierge.rules.AssetClass;
import io.concierge.rules.InvestmentRules;
import io.concierge.rules.LotMatching;
import io.concierge.rules.RulesService;
import io.concierge.security.Actors;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.getNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

class RulesViewTests extends KaribuTest {

    @Autowired
    TenantService tenants;
    @Autowired
    RulesService rules;

    TenantSummary tenant;

    @BeforeEach
    void aTenant() {
        tenant = Actors.callAs(OPERATOR, () -> tenants.register(new NewTenant(uniqueSlug("rulesui"), "Rules UI Partner",
                "ops@rulesui.example", null)).tenant());
    }

    @Test
    void a_minimum_above_the_maximum_is_shown_on_the_minimum_field_and_nothing_is_saved() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/rules");
        var min = amount("US stocks: minimum order (USD)");
        _setValue(min, "500");
        _setValue(amount("US stocks: maximum order (USD)"), "100");
        _click(_get(Button.class, s -> s.withText("Review and save…")));

        assertThat(min.isInvalid()).isTrue();
        assertThat(min.getErrorMessage()).isEqualTo("Minimum order for US stocks ($500.00) is above the maximum ($100.00).");
        _assertNone(ReviewChangesDialog.class);
        assertThat(Actors.callAs(OPERATOR, () -> rules.history(tenant.id()))).isEmpty();
    }

    @Test
    void numbers_a_hostile_client_sends_past_the_browsers_filter_are_refused_at_the_field_in_no_time()
            throws Exception {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/rules");
        var max = amount("US stocks: maximum order (USD)");
        var daily = amount("Daily order count limit");
        var hostile = Map.of(
                "1E+1000000", "US stocks: maximum order (USD) must be a plain number such as 1500.55 (it is '1E+1000000').",
                "1e309", "US stocks: maximum order (USD) must be a plain number such as 1500.55 (it is '1e309').",
                "9".repeat(100_000), "US stocks: maximum order (USD) is too long (100000 characters): use at most 15 "
                        + "digits before the decimal point and two decimal places after it.",
                "9".repeat(30), "US stocks: maximum order (USD) is out of range: use at most 15 digits before the decimal "
                        + "point and two decimal places after it.",
                "1.001", "US stocks: maximum order (USD) (1.001) has more than two decimal places.");
        hostile.forEach((text, message) -> {
            // what the client-side RPC handler does with a property sync: the typed setter and the
            // browser's character filter are both bypassed
            assertTimeout(Duration.ofSeconds(10), () -> fromClient(max, text));
            _click(_get(Button.class, s -> s.withText("Review and save…")));
            assertThat(max.isInvalid()).as(text.length() > 20 ? text.substring(0, 20) : text).isTrue();
            assertThat(max.getErrorMessage()).isEqualTo(message);
        });
        fromClient(daily, "1e3");
        _click(_get(Button.class, s -> s.withText("Review and save…")));
        assertThat(daily.getErrorMessage()).isEqualTo(
                "Daily order count limit must be a plain number such as 25 (it is '1e3').");
        _assertNone(ReviewChangesDialog.class);
        assertThat(Actors.callAs(OPERATOR, () -> rules.history(tenant.id()))).isEmpty();
    }

    @Test
    void a_partner_admin_drops_mutual_funds_reviews_and_saves_a_new_version() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/rules");
        @SuppressWarnings("unchecked")
        CheckboxGroup<AssetClass> offered = _get(CheckboxGroup.class, s -> s.withLabel("Asset classes offered"));
        _setValue(offered, Set.of(AssetClass.US_STOCKS, AssetClass.ETFS));
        _assertNone(TextField.class, s -> s.withLabel("SIP minimum amount (INR)"));
        _assertNone(TextField.class, s -> s.withLabel("Mutual funds: minimum order (INR)"));
        @SuppressWarnings("unchecked")
        RadioButtonGroup<LotMatching> lots = _get(RadioButtonGroup.class, s -> s.withLabel("Capital-gains lot matching"));
        _setValue(lots, LotMatching.LIFO);
        _setValue(_get(TextArea.class, s -> s.withLabel("Restricted tickers")), "gme, brk.b");
        _click(_get(Button.class, s -> s.withText("Review and save…")));

        var dialog = _get(ReviewChangesDialog.class);
        @SuppressWarnings("unchecked")
        Grid<FieldChange> changes = _get(dialog, Grid.class);
        assertThat(rows(changes)).contains(new FieldChange("Lot matching", "–", "Last in, first out (LIFO)"),
                new FieldChange("Restricted tickers", "–", "GME, BRK.B"));
        _setValue(_get(dialog, TextArea.class), "US securities only");
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        assertThat(notificationTexts()).contains("Investment rules saved as version 1.");
        assertThat(rows(versions(openHistory()))).extracting(ConfigVersion::comment)
                .containsExactly("US securities only");
        var saved = Actors.callAs(OPERATOR, () -> rules.current(tenant.id())).orElseThrow();
        assertThat(saved.assetClasses()).containsExactly(AssetClass.US_STOCKS, AssetClass.ETFS);
        assertThat(saved.mutualFunds()).isNull();
        assertThat(saved.sip()).isNull();
        assertThat(saved.restrictedTickers()).containsExactly("GME", "BRK.B");
    }

    @Test
    void a_conflicting_save_is_reported_and_the_newer_rules_are_reloaded() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/rules");
        Actors.callAs(OPERATOR, () -> rules.save(tenant.id(), 0, lifo(), "ops chose LIFO"));

        _setValue(amount("ETFs: maximum order (USD)"), "20000");
        _click(_get(Button.class, s -> s.withText("Review and save…")));
        var dialog = _get(ReviewChangesDialog.class);
        _setValue(_get(dialog, TextArea.class), "smaller ETF orders");
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        var conflict = _get(dialog, ConflictNotice.class);
        assertThat(_get(conflict, Paragraph.class).getText()).contains("since you opened it");
        _click(_get(conflict, Button.class, s -> s.withText("Reload")));
        assertThat(new BigDecimal(amount("ETFs: maximum order (USD)").getValue())).isEqualByComparingTo("25000");
        @SuppressWarnings("unchecked")
        RadioButtonGroup<LotMatching> lots = _get(RadioButtonGroup.class, s -> s.withLabel("Capital-gains lot matching"));
        assertThat(lots.getValue()).isEqualTo(LotMatching.LIFO);
    }

    @Test
    void an_old_version_is_restored_through_the_review() {
        Actors.runAs(OPERATOR, () -> {
            rules.save(tenant.id(), 0, RulesService.defaults(), "defaults");
            rules.save(tenant.id(), 1, lifo(), "LIFO");
        });
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/rules");
        var dialog = openHistory();
        var history = versions(dialog);
        history.select(rows(history).get(1));
        _click(_get(dialog, Button.class, s -> s.withText("Restore this version")));
        _setValue(_get(dialog, TextArea.class), "FIFO again");
        _click(_get(dialog, Button.class, s -> s.withText("Restore v1 as a new version")));

        assertThat(notificationTexts()).contains("Restored v1 as v3.");
        assertThat(Actors.callAs(OPERATOR, () -> rules.current(tenant.id())).orElseThrow().lotMatching())
                .isEqualTo(LotMatching.FIFO);
    }

    @Test
    void an_auditor_sees_the_rules_read_only_without_any_editing_control() {
        Actors.callAs(OPERATOR, () -> rules.save(tenant.id(), 0, RulesService.defaults(), "defaults"));
        login(AUDITOR);
        navigate("tenants/" + tenant.slug() + "/rules");
        assertThat(amount("US stocks: minimum order (USD)").isReadOnly()).isTrue();
        assertThat(_get(TextArea.class, s -> s.withLabel("Restricted tickers")).isReadOnly()).isTrue();
        _assertNone(Button.class, s -> s.withText("Review and save…"));
        _assertNone(Button.class, s -> s.withText("Reset to platform defaults"));
        var history = openHistory();
        _assertNone(history, Button.class, s -> s.withText("Restore this version"));
        assertThat(_size(versions(history))).isEqualTo(1);
    }

    @Test
    void a_partner_admin_opening_another_tenants_rules_is_refused() {
        var other = Actors.callAs(OPERATOR, () -> tenants.register(new NewTenant(uniqueSlug("otherrules"), "Other",
                "ops@other.example", null)).tenant());
        login(partnerAdmin(tenant.id(), tenant.slug()));
        assertRefused("tenants/" + other.slug() + "/rules");
    }

    @Test
    void the_review_tells_an_amount_change_with_its_label_and_currency() {
        Actors.callAs(OPERATOR, () -> rules.save(tenant.id(), 0, RulesService.defaults(), "defaults"));
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/rules");
        _setValue(amount("US stocks: maximum order (USD)"), "30000");
        _click(_get(Button.class, s -> s.withText("Review and save…")));
        @SuppressWarnings("unchecked")
        Grid<FieldChange> changes = _get(_get(ReviewChangesDialog.class), Grid.class);
        assertThat(rows(changes)).extracting(FieldChange::describe)
                .containsExactly("Maximum order for US stocks $25,000.00 → $30,000.00");
    }

    @Test
    void a_refused_save_marks_the_field_with_its_message_and_sums_it_up_at_the_top_without_a_toast() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/rules");
        var max = amount("US stocks: maximum order (USD)");
        _setValue(max, "99999999");
        _click(_get(Button.class, s -> s.withText("Review and save…")));
        assertThat(max.isInvalid()).isTrue();
        assertThat(max.getErrorMessage()).startsWith("Maximum order for US stocks");
        assertThat(_get(io.concierge.configuration.ui.AreaEditor.class).errorSummary())
                .containsExactly("Maximum order for US stocks: " + max.getErrorMessage());
        assertThat(getNotifications()).isEmpty();
        _assertNone(ReviewChangesDialog.class);
    }

    @Test
    void a_refused_save_marks_every_offending_field_at_once_with_a_summary_of_all() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/rules");
        var min = amount("US stocks: minimum order (USD)");
        _setValue(min, "500");
        _setValue(amount("US stocks: maximum order (USD)"), "100");
        var tickers = _get(TextArea.class, s -> s.withLabel("Restricted tickers"));
        _setValue(tickers, "GME, 123");
        _click(_get(Button.class, s -> s.withText("Review and save…")));

        assertThat(min.isInvalid()).isTrue();
        assertThat(min.getErrorMessage()).isEqualTo("Minimum order for US stocks ($500.00) is above the maximum ($100.00).");
        assertThat(tickers.isInvalid()).as("the second problem is marked in the same go").isTrue();
        assertThat(tickers.getErrorMessage()).startsWith("Restricted ticker '123' is not a ticker symbol");
        assertThat(_get(io.concierge.configuration.ui.AreaEditor.class).errorSummary()).containsExactly(
                "Minimum order for US stocks: " + min.getErrorMessage(),
                "Restricted tickers: " + tickers.getErrorMessage());
        assertThat(getNotifications()).isEmpty();
        _assertNone(ReviewChangesDialog.class);
        assertThat(Actors.callAs(OPERATOR, () -> rules.history(tenant.id()))).isEmpty();
    }

    private static HistoryDialog openHistory() {
        _click(_get(Button.class, s -> s.withText("History")));
        return _get(HistoryDialog.class);
    }

    @SuppressWarnings("unchecked")
    private static Grid<ConfigVersion> versions(HistoryDialog history) {
        return _find(history, Grid.class).get(0);
    }

    /** What Flow's RPC handler does with a property sync from the browser: no typed setter, no input filter. */
    private static void fromClient(TextField field, String value) throws Exception {
        field.getElement().getNode().getFeature(ElementPropertyMap.class).deferredUpdateFromClient("value", value).run();
    }

    private static TextField amount(String label) {
        return _get(TextField.class, s -> s.withLabel(label));
    }

    private static InvestmentRules lifo() {
        var d = RulesService.defaults();
        return new InvestmentRules(d.assetClasses(), d.fractionalShares(), d.usStocks(), d.etfs(), d.mutualFunds(),
                d.daily(), d.sip(), d.restrictedTickers(), d.fundCategories(), LotMatching.LIFO, d.tradingWindow());
    }

    private static <T> List<T> rows(Grid<T> grid) {
        return IntStream.range(0, _size(grid)).mapToObj(i -> com.github.mvysny.kaributesting.v10.GridKt._get(grid, i))
                .toList();
    }

    private static List<String> notificationTexts() {
        return getNotifications().stream().map(Notification::getElement).map(e -> e.getProperty("text")).toList();
    }
}
