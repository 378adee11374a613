package io.concierge.rules.ui;

import io.concierge.rules.AssetClass;
import io.concierge.rules.Currency;
import io.concierge.rules.InvestmentRules;
import io.concierge.rules.InvestmentRules.AssetClassRules;
import io.concierge.rules.InvestmentRules.DailyLimits;
import io.concierge.rules.InvestmentRules.SipRules;
import io.concierge.shared.MappingConfig;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Form bean to rules record and back. Parts that belong to an asset class that is not offered are dropped on
 * the way in (their inputs are hidden, but may still hold what was typed before the class was unticked).
 */
@Mapper(config = MappingConfig.class, imports = {AssetClass.class, List.class})
interface RulesFormMapper {

    @Mapping(target = "usStocks", expression = "java(form.offers(AssetClass.US_STOCKS) ? toRules(form.getUsStocks()) : null)")
    @Mapping(target = "etfs", expression = "java(form.offers(AssetClass.ETFS) ? toRules(form.getEtfs()) : null)")
    @Mapping(target = "mutualFunds",
            expression = "java(form.offers(AssetClass.MUTUAL_FUNDS) ? toRules(form.getMutualFunds()) : null)")
    @Mapping(target = "sip", expression = "java(form.offers(AssetClass.MUTUAL_FUNDS) ? toSip(form.getSip()) : null)")
    @Mapping(target = "daily", expression = "java(daily(form))")
    @Mapping(target = "fundCategories", expression = "java(form.offers(AssetClass.MUTUAL_FUNDS) "
            + "? List.copyOf(form.getFundCategories()) : List.of())")
    InvestmentRules toRules(RulesForm form);

    AssetClassRules toRules(RulesForm.AssetClassForm form);

    SipRules toSip(RulesForm.SipForm form);

    @Mapping(target = "usStocks", defaultExpression = "java(new RulesForm.AssetClassForm())")
    @Mapping(target = "etfs", defaultExpression = "java(new RulesForm.AssetClassForm())")
    @Mapping(target = "mutualFunds", defaultExpression = "java(new RulesForm.AssetClassForm())")
    @Mapping(target = "sip", defaultExpression = "java(new RulesForm.SipForm())")
    @Mapping(target = "daily", defaultExpression = "java(new RulesForm.DailyForm())")
    @Mapping(target = "tradingWindow", defaultExpression = "java(new RulesForm.WindowForm())")
    RulesForm toForm(InvestmentRules rules);

    /** A daily amount only counts for a currency something offered is traded in. */
    default DailyLimits daily(RulesForm form) {
        var daily = form.getDaily();
        return new DailyLimits(daily.getMaxOrders(), form.tradesIn(Currency.USD) ? daily.getMaxAmountUsd() : null,
                form.tradesIn(Currency.INR) ? daily.getMaxAmountInr() : null);
    }

    /** "aapl, BRK.B  tsla" → [AAPL, BRK.B, TSLA]: commas, spaces or lines separate; duplicates stay to be reported. */
    default List<String> tickers(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.trim().split("[,;\\s]+")).map(t -> t.toUpperCase(Locale.ROOT)).toList();
    }

    default String tickers(List<String> tickers) {
        return String.join(", ", tickers);
    }
}
