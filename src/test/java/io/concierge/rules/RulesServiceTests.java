package io.concierge.rules;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.FieldChange;
import io.concierge.rules.InvestmentRules.AssetClassRules;
import io.concierge.rules.InvestmentRules.DailyLimits;
import io.concierge.rules.InvestmentRules.SipRules;
import io.concierge.rules.InvestmentRules.TradingWindow;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

class RulesServiceTests extends IntegrationTest {

    @Autowired
    RulesService rules;
    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;

    TenantId tenant;
    TenantSlug slug;

    @BeforeEach
    void aTenant() {
        signIn(OPERATOR);
        var created = tenants.register(new NewTenant(uniqueSlug("rules"), "Rules Partner", "ops@rules.example", null))
                .tenant();
        tenant = created.id();
        slug = created.slug();
    }

    @Test
    void a_tenant_without_rules_starts_from_unsaved_defaults_that_pass_every_check() {
        var snapshot = rules.open(slug.value()).orElseThrow();
        assertThat(snapshot.saved()).isFalse();
        assertThat(snapshot.content()).isEqualTo(RulesService.defaults());
        assertThat(rules.history(tenant)).isEmpty();
        assertThat(rules.save(tenant, 0, snapshot.content(), "defaults").version()).isEqualTo(1);
    }

    @Test
    void rules_round_trip_through_the_store_with_exact_amounts() {
        var custom = withUsStocks(RulesService.defaults(), new BigDecimal("0.5"), new BigDecimal("1234.56"));
        rules.save(tenant, 0, custom, "precise");
        var loaded = rules.current(tenant).orElseThrow();
        assertThat(loaded).isEqualTo(custom);
        assertThat(loaded.usStocks().minimumOrder()).isEqualByComparingTo("0.50");
        var json = store.current(tenant, ConfigArea.RULES).orElseThrow().content();
        assertThat(json).contains("\"1234.56\"", "\"09:30\"", "America/New_York");
    }

    @Test
    void saving_versions_conflicts_and_restore() {
        var v1 = rules.save(tenant, 0, RulesService.defaults(), "defaults");
        var lifo = with(RulesService.defaults(), LotMatching.LIFO);
        rules.save(tenant, v1.version(), lifo, "LIFO please");
        assertThatThrownBy(() -> rules.save(tenant, 1, RulesService.defaults(), "stale"))
                .isInstanceOf(ConfigurationConflictException.class);
        var restored = rules.restore(tenant, 1, 2, "back to FIFO");
        assertThat(restored.version()).isEqualTo(3);
        assertThat(rules.current(tenant).orElseThrow().lotMatching()).isEqualTo(LotMatching.FIFO);
        assertThat(rules.area().changes(RulesService.defaults(), lifo))
                .containsExactly(new FieldChange("Lot matching", "First in, first out (FIFO)", "Last in, first out (LIFO)"));
    }

    @Test
    void partner_admins_are_confined_to_their_tenant_and_auditors_only_read() {
        var other = tenants.register(new NewTenant(uniqueSlug("other"), "Other", "ops@other.example", null)).tenant();
        signIn(partnerAdmin(tenant, slug));
        rules.save(tenant, 0, RulesService.defaults(), "ours");
        assertThatThrownBy(() -> rules.open(other.slug().value())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> rules.save(other.id(), 0, RulesService.defaults(), "theirs"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> rules.history(other.id())).isInstanceOf(AccessDeniedException.class);

        signIn(AUDITOR);
        assertThat(rules.open(slug.value()).orElseThrow().editability().editable()).isFalse();
        assertThatThrownBy(() -> rules.save(tenant, 1, with(RulesService.defaults(), LotMatching.LIFO), "x"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> rules.restore(tenant, 1, 1, "x")).isInstanceOf(AccessDeniedException.class);
        assertThat(rules.history(tenant)).hasSize(1);
    }

    @Test
    void a_minimum_above_the_maximum_is_refused_with_both_amounts() {
        var e = refused(withUsStocks(RulesService.defaults(), new BigDecimal("500"), new BigDecimal("100")));
        assertThat(e.getMessage()).isEqualTo("Minimum order for US stocks ($500.00) is above the maximum ($100.00).");
        assertThat(e.field()).isEqualTo("usStocks.minimumOrder");
    }

    @Test
    void cross_field_checks_name_the_fields_and_values() {
        var d = RulesService.defaults();
        assertThat(refused(withAssetClasses(d, List.of())).getMessage()).isEqualTo("Offer at least one asset class.");
        assertThat(refused(withSipMinimum(d, new BigDecimal("600000"))).getMessage())
                .isEqualTo("SIP minimum amount (₹600,000.00) is above the mutual fund maximum order (₹500,000.00).");
        assertThat(refused(withTickers(d, List.of("AAPL", "BRK.B", "AAPL"))).getMessage())
                .isEqualTo("Restricted ticker AAPL is listed twice.");
        assertThat(refused(withTickers(d, List.of("aapl"))).getMessage()).contains("'aapl' is not a ticker symbol");
        assertThat(refused(withTickers(d, List.of("TOOLONG"))).getMessage()).contains("not a ticker symbol");
        var stocksOnly = new InvestmentRules(List.of(AssetClass.US_STOCKS), true, d.usStocks(), d.etfs(), null,
                new DailyLimits(10, new BigDecimal("50000"), null), null, List.of(), List.of(), LotMatching.FIFO,
                d.tradingWindow());
        assertThat(refused(stocksOnly).getMessage())
                .isEqualTo("Order limits are set for ETFs, which are not offered: offer ETFs or remove their limits.");
        var fundsOnlyWithFractions = new InvestmentRules(List.of(AssetClass.MUTUAL_FUNDS), true, null, null,
                d.mutualFunds(), new DailyLimits(10, null, new BigDecimal("1000000")), d.sip(), List.of(),
                d.fundCategories(), LotMatching.FIFO, d.tradingWindow());
        assertThat(refused(fundsOnlyWithFractions).getMessage())
                .isEqualTo("Fractional shares need US stocks or ETFs to be offered.");
        assertThat(refused(withWindow(d, LocalTime.of(16, 0), LocalTime.of(9, 30))).getMessage())
                .isEqualTo("Trading window closes at 09:30, which is not after it opens at 16:00 (America/New_York).");
        assertThat(refused(withSipDays(d, List.of(1, 31))).getMessage()).contains("SIP debit day 31 is not allowed");
        assertThat(refused(withDaily(d, new DailyLimits(10, new BigDecimal("100"), new BigDecimal("1000000"))))
                .getMessage()).contains("is below the maximum single order for US stocks ($25,000.00)");
        assertThat(refused(withUsStocks(d, new BigDecimal("1.005"), new BigDecimal("100")))
                .getMessage()).contains("more than two decimal places");
        assertThat(refused(withUsStocks(d, new BigDecimal("-1"), new BigDecimal("100")))
                .getMessage()).contains("must be more than $0.00");
        assertThat(rules.history(tenant)).isEmpty();
    }

    @Test
    void huge_or_overly_precise_amounts_are_refused_before_any_arithmetic_with_the_fields_message() {
        var d = RulesService.defaults();
        var outOfRange = "Maximum order for US stocks is out of range: use at most 15 digits before the decimal point "
                + "and two decimal places after it.";
        for (var hostile : List.of("1E+1000000", "1E+100000", "1e309", "9".repeat(1_000), "1E-1000000")) {
            var value = new BigDecimal(hostile);
            var e = assertTimeout(Duration.ofSeconds(5), () -> refused(withUsStocks(d, BigDecimal.ONE, value)));
            assertThat(e.field()).isEqualTo("usStocks.maximumOrder");
            assertThat(e.getMessage()).as(hostile.length() > 20 ? hostile.substring(0, 20) : hostile)
                    .isEqualTo(outOfRange);
        }
        var sip = assertTimeout(Duration.ofSeconds(5), () -> refused(withSipMinimum(d, new BigDecimal("1E+100000"))));
        assertThat(sip.field()).isEqualTo("sip.minimumAmount");
        assertThat(sip.getMessage()).startsWith("SIP minimum amount is out of range");
        assertThat(rules.history(tenant)).isEmpty();
    }

    @Test
    void rules_beyond_the_platform_limits_are_refused_with_the_limit_shown() {
        var limits = rules.limits();
        var d = RulesService.defaults();
        var tooBig = limits.maxOrderUsd().add(BigDecimal.ONE);
        assertThat(refused(withUsStocks(d, BigDecimal.ONE, tooBig)).getMessage())
                .isEqualTo("Maximum order for US stocks ($1,000,001.00) is above the platform limit of $1,000,000.00.");
        assertThat(refused(withDaily(d, new DailyLimits(limits.maxDailyOrders() + 1, new BigDecimal("50000"),
                new BigDecimal("1000000")))).getMessage()).contains("above the platform limit of " + limits.maxDailyOrders());
        assertThat(refused(withDaily(d, new DailyLimits(10, limits.maxDailyAmountUsd().add(BigDecimal.ONE),
                new BigDecimal("1000000")))).getMessage()).contains("above the platform limit of $2,000,000.00");
        assertThat(refused(new InvestmentRules(d.assetClasses(), true, d.usStocks(), d.etfs(), d.mutualFunds(),
                d.daily(), new SipRules(new BigDecimal("500"), List.of(1), limits.maxActiveSips() + 1), List.of(),
                d.fundCategories(), LotMatching.FIFO, d.tradingWindow())).getMessage())
                .contains("above the platform limit of " + limits.maxActiveSips());
        assertThat(rules.history(tenant)).isEmpty();
    }

    private InvalidValueException refused(InvestmentRules candidate) {
        try {
            rules.save(tenant, 0, candidate, "try");
        } catch (InvalidValueException e) {
            return e;
        }
        throw new AssertionError("expected the rules to be refused");
    }

    static InvestmentRules withUsStocks(InvestmentRules r, BigDecimal min, BigDecimal max) {
        return new InvestmentRules(r.assetClasses(), r.fractionalShares(), new AssetClassRules(min, max,
                KycLevel.STANDARD), r.etfs(), r.mutualFunds(), r.daily(), r.sip(), r.restrictedTickers(),
                r.fundCategories(), r.lotMatching(), r.tradingWindow());
    }

    static InvestmentRules with(InvestmentRules r, LotMatching lotMatching) {
        return new InvestmentRules(r.assetClasses(), r.fractionalShares(), r.usStocks(), r.etfs(), r.mutualFunds(),
                r.daily(), r.sip(), r.restrictedTickers(), r.fundCategories(), lotMatching, r.tradingWindow());
    }

    private static InvestmentRules withAssetClasses(InvestmentRules r, List<AssetClass> classes) {
        return new InvestmentRules(classes, r.fractionalShares(), r.usStocks(), r.etfs(), r.mutualFunds(), r.daily(),
                r.sip(), r.restrictedTickers(), r.fundCategories(), r.lotMatching(), r.tradingWindow());
    }

    private static InvestmentRules withSipMinimum(InvestmentRules r, BigDecimal minimum) {
        return new InvestmentRules(r.assetClasses(), r.fractionalShares(), r.usStocks(), r.etfs(), r.mutualFunds(),
                r.daily(), new SipRules(minimum, r.sip().debitDays(), r.sip().maxActive()), r.restrictedTickers(),
                r.fundCategories(), r.lotMatching(), r.tradingWindow());
    }

    private static InvestmentRules withSipDays(InvestmentRules r, List<Integer> days) {
        return new InvestmentRules(r.assetClasses(), r.fractionalShares(), r.usStocks(), r.etfs(), r.mutualFunds(),
                r.daily(), new SipRules(r.sip().minimumAmount(), days, r.sip().maxActive()), r.restrictedTickers(),
                r.fundCategories(), r.lotMatching(), r.tradingWindow());
    }

    private static InvestmentRules withTickers(InvestmentRules r, List<String> tickers) {
        return new InvestmentRules(r.assetClasses(), r.fractionalShares(), r.usStocks(), r.etfs(), r.mutualFunds(),
                r.daily(), r.sip(), tickers, r.fundCategories(), r.lotMatching(), r.tradingWindow());
    }

    private static InvestmentRules withDaily(InvestmentRules r, DailyLimits daily) {
        return new InvestmentRules(r.assetClasses(), r.fractionalShares(), r.usStocks(), r.etfs(), r.mutualFunds(),
                daily, r.sip(), r.restrictedTickers(), r.fundCategories(), r.lotMatching(), r.tradingWindow());
    }

    private static InvestmentRules withWindow(InvestmentRules r, LocalTime opens, LocalTime closes) {
        return new InvestmentRules(r.assetClasses(), r.fractionalShares(), r.usStocks(), r.etfs(), r.mutualFunds(),
                r.daily(), r.sip(), r.restrictedTickers(), r.fundCategories(), r.lotMatching(),
                new TradingWindow(opens, closes));
    }
}
