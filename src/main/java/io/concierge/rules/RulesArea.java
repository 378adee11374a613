package io.concierge.rules;

import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.ChangeEffect;
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

    /**
     * Which limits loosen and which tighten: a higher maximum or daily limit, a lower minimum or KYC level, an asset
     * class or fund category more, a ticker no longer restricted, fractional shares allowed, loosen; the opposite
     * tightens. A lower KYC level is also sensitive (investors trade with less identity checking).
     */
    @Override
    public ChangeEffect effect(InvestmentRules before, InvestmentRules after) {
        var loosened = new ArrayList<String>();
        var tightened = new ArrayList<String>();
        var sensitive = new ArrayList<String>();
        if (before == null) {
            return ChangeEffect.NONE;
        }
        for (var assetClass : AssetClass.values()) {
            var was = before.rulesFor(assetClass);
            var now = after.rulesFor(assetClass);
            if (was == null || now == null) {
                continue;
            }
            var key = assetClass.field();
            direction(key + ".maximumOrder", was.maximumOrder(), now.maximumOrder(), true, before, after, loosened, tightened);
            direction(key + ".minimumOrder", was.minimumOrder(), now.minimumOrder(), false, before, after, loosened, tightened);
            if (direction(key + ".minimumKyc", was.minimumKyc(), now.minimumKyc(), false, before, after, loosened,
                    tightened) > 0) {
                sensitive.add(labels.get(key + ".minimumKyc") + " lowered to " + now.minimumKyc().label());
            }
        }
        if (before.daily() != null && after.daily() != null) {
            direction("daily.maxOrders", before.daily().maxOrders(), after.daily().maxOrders(), true, before, after,
                    loosened, tightened);
            direction("daily.maxAmountUsd", before.daily().maxAmountUsd(), after.daily().maxAmountUsd(), true, before,
                    after, loosened, tightened);
            direction("daily.maxAmountInr", before.daily().maxAmountInr(), after.daily().maxAmountInr(), true, before,
                    after, loosened, tightened);
        }
        if (before.sip() != null && after.sip() != null) {
            direction("sip.minimumAmount", before.sip().minimumAmount(), after.sip().minimumAmount(), false, before,
                    after, loosened, tightened);
            direction("sip.maxActive", before.sip().maxActive(), after.sip().maxActive(), true, before, after,
                    loosened, tightened);
        }
        if (before.fractionalShares() != after.fractionalShares()) {
            (after.fractionalShares() ? loosened : tightened).add(labels.get("fractionalShares") + ": "
                    + (after.fractionalShares() ? "now allowed" : "no longer allowed"));
        }
        sets(labels.get("assetClasses"), before.assetClasses(), after.assetClasses(), AssetClass::title, loosened,
                tightened);
        sets(labels.get("fundCategories"), before.fundCategories(), after.fundCategories(), FundCategory::label,
                loosened, tightened);
        // a ticker added to the restricted list tightens; one taken off loosens
        sets(labels.get("restrictedTickers"), before.restrictedTickers(), after.restrictedTickers(), t -> t,
                tightened, loosened);
        return new ChangeEffect(loosened, tightened, sensitive);
    }

    /** 1 when the limit loosened, -1 when it tightened, 0 when unchanged or not comparable. */
    private <C extends Comparable<C>> int direction(String key, C was, C now, boolean higherIsLooser,
                                                    InvestmentRules before, InvestmentRules after,
                                                    List<String> loosened, List<String> tightened) {
        if (was == null || now == null || was.compareTo(now) == 0) {
            return 0;
        }
        var looser = (now.compareTo(was) > 0) == higherIsLooser;
        (looser ? loosened : tightened).add(labels.get(key) + " " + values.get(key).apply(before) + " → "
                + values.get(key).apply(after));
        return looser ? 1 : -1;
    }

    private static <E> void sets(String label, List<E> before, List<E> after, Function<E, String> name,
                                 List<String> added, List<String> removed) {
        after.stream().filter(e -> !before.contains(e)).forEach(e -> added.add(label + ": + " + name.apply(e)));
        before.stream().filter(e -> !after.contains(e)).forEach(e -> removed.add(label + ": − " + name.apply(e)));
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
