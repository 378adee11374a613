package io.concierge.rules;

import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.FieldChange;
import io.concierge.rules.internal.RulesDocuments;
import io.concierge.rules.internal.RulesValidator;
import io.concierge.tenant.TenantSummary;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The investment rules area as the configuration model knows it: validated against the platform's limits,
 * labelled by the validator's field keys, changes told with amounts in their currency.
 */
@Component
class RulesArea implements AreaDefinition<InvestmentRules> {

    private final RuleLimits limits;
    private final Map<String, String> labels;
    private final Map<String, Function<InvestmentRules, String>> values;

    RulesArea(RuleLimits limits) {
        this.limits = limits;
        var l = new LinkedHashMap<String, String>();
        var v = new LinkedHashMap<String, Function<InvestmentRules, String>>();
        add(l, v, "assetClasses", "Asset classes offered",
                r -> r.assetClasses().stream().map(AssetClass::title).collect(Collectors.joining(", ")));
        add(l, v, "fractionalShares", "Fractional shares", r -> r.fractionalShares() ? "allowed" : "not allowed");
        for (var assetClass : AssetClass.values()) {
            var key = assetClass.field();
            var currency = assetClass.currency();
            add(l, v, key + ".minimumOrder", "Minimum order for " + assetClass.label(),
                    r -> r.rulesFor(assetClass) == null ? "–" : amount(currency, r.rulesFor(assetClass).minimumOrder()));
            add(l, v, key + ".maximumOrder", "Maximum order for " + assetClass.label(),
                    r -> r.rulesFor(assetClass) == null ? "–" : amount(currency, r.rulesFor(assetClass).maximumOrder()));
            add(l, v, key + ".minimumKyc", "Minimum KYC level for " + assetClass.label(),
                    r -> r.rulesFor(assetClass) == null || r.rulesFor(assetClass).minimumKyc() == null ? "–"
                            : r.rulesFor(assetClass).minimumKyc().label());
        }
        add(l, v, "daily.maxOrders", "Daily order count limit",
                r -> r.daily() == null || r.daily().maxOrders() == null ? "–" : r.daily().maxOrders().toString());
        add(l, v, "daily.maxAmountUsd", "Daily amount limit (USD)",
                r -> r.daily() == null ? "–" : amount(Currency.USD, r.daily().maxAmountUsd()));
        add(l, v, "daily.maxAmountInr", "Daily amount limit (INR)",
                r -> r.daily() == null ? "–" : amount(Currency.INR, r.daily().maxAmountInr()));
        add(l, v, "sip.minimumAmount", "SIP minimum amount",
                r -> r.sip() == null ? "–" : amount(Currency.INR, r.sip().minimumAmount()));
        add(l, v, "sip.debitDays", "SIP debit days", r -> r.sip() == null || r.sip().debitDays() == null ? "–"
                : r.sip().debitDays().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        add(l, v, "sip.maxActive", "Maximum active SIPs per investor",
                r -> r.sip() == null || r.sip().maxActive() == null ? "–" : r.sip().maxActive().toString());
        add(l, v, "fundCategories", "Mutual fund categories", r -> r.fundCategories().isEmpty() ? "none"
                : r.fundCategories().stream().map(FundCategory::label).collect(Collectors.joining(", ")));
        add(l, v, "restrictedTickers", "Restricted tickers",
                r -> r.restrictedTickers().isEmpty() ? "none" : String.join(", ", r.restrictedTickers()));
        add(l, v, "lotMatching", "Lot matching",
                r -> r.lotMatching() == null ? "–" : r.lotMatching().label());
        var zone = " " + InvestmentRules.TradingWindow.ZONE.getId();
        add(l, v, "tradingWindow.opens", "Trading opens", r -> r.tradingWindow() == null
                || r.tradingWindow().opens() == null ? "–" : r.tradingWindow().opens() + zone);
        add(l, v, "tradingWindow.closes", "Trading closes", r -> r.tradingWindow() == null
                || r.tradingWindow().closes() == null ? "–" : r.tradingWindow().closes() + zone);
        labels = Collections.unmodifiableMap(l);
        values = v;
    }

    @Override
    public ConfigArea area() {
        return ConfigArea.RULES;
    }

    @Override
    public InvestmentRules read(String json) {
        return RulesDocuments.fromJson(json);
    }

    @Override
    public String write(InvestmentRules content) {
        return RulesDocuments.toJson(content);
    }

    @Override
    public InvestmentRules validate(InvestmentRules content) {
        RulesValidator.validate(content, limits);
        return content;
    }

    @Override
    public InvestmentRules startingPoint(TenantSummary tenant) {
        return RulesService.defaults();
    }

    @Override
    public Map<String, String> labels() {
        return labels;
    }

    @Override
    public List<FieldChange> changes(InvestmentRules before, InvestmentRules after) {
        var changes = new ArrayList<FieldChange>();
        values.forEach((key, value) -> {
            var was = before == null ? "–" : value.apply(before);
            var now = after == null ? "–" : value.apply(after);
            if (!Objects.equals(was, now)) {
                changes.add(new FieldChange(labels.get(key), was, now));
            }
        });
        return changes;
    }

    private static void add(Map<String, String> labels, Map<String, Function<InvestmentRules, String>> values,
                            String key, String label, Function<InvestmentRules, String> value) {
        labels.put(key, label);
        values.put(key, value);
    }

    private static String amount(Currency currency, BigDecimal value) {
        return value == null ? "–" : currency.format(value);
    }
}
