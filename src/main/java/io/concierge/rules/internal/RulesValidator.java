package io.concierge.rules.internal;

import io.concierge.rules.AssetClass;
import io.concierge.rules.Currency;
import io.concierge.rules.InvestmentRules;
import io.concierge.rules.RuleLimits;
import io.concierge.shared.BoundedNumber;
import io.concierge.shared.FieldErrors;
import io.concierge.shared.InvalidValueException;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.regex.Pattern;

/**
 * Every check investment rules must pass before they are stored, each with a message that names the field and
 * the values involved; a refusal names every offending field at once. Field keys ("usStocks.minimumOrder") let the editor put the message on the right input.
 */
public final class RulesValidator {

    private static final Pattern TICKER = Pattern.compile("[A-Z]{1,5}(\\.[A-Z])?");

    private RulesValidator() {
    }

    /** Checks every rule and refuses with all the problems at once, each at its field. */
    public static void validate(InvestmentRules rules, RuleLimits limits) {
        if (rules == null) {
            throw new InvalidValueException("Investment rules are required.");
        }
        var errors = new FieldErrors();
        if (rules.assetClasses().isEmpty()) {
            errors.add("assetClasses", "Offer at least one asset class.");
        }
        for (var assetClass : AssetClass.values()) {
            checkAssetClass(rules, assetClass, limits, errors);
        }
        if (rules.fractionalShares() && !rules.offers(AssetClass.US_STOCKS) && !rules.offers(AssetClass.ETFS)) {
            errors.add("fractionalShares", "Fractional shares need US stocks or ETFs to be offered.");
        }
        checkDaily(rules, limits, errors);
        checkSip(rules, limits, errors);
        errors.run(() -> checkTickers(rules, limits));
        errors.run(() -> checkFundCategories(rules));
        if (rules.lotMatching() == null) {
            errors.add("lotMatching", "Choose how lots are matched for capital gains (FIFO or LIFO).");
        }
        checkTradingWindow(rules.tradingWindow(), errors);
        errors.throwIfAny();
    }

    private static void checkAssetClass(InvestmentRules rules, AssetClass assetClass, RuleLimits limits,
                                        FieldErrors errors) {
        var field = assetClass.field();
        var classRules = rules.rulesFor(assetClass);
        if (!rules.offers(assetClass)) {
            if (classRules != null) {
                errors.add(field + ".minimumOrder", "Order limits are set for " + assetClass.label()
                        + ", which are not offered: offer " + assetClass.label() + " or remove their limits.");
            }
            return;
        }
        var label = assetClass.label();
        if (classRules == null) {
            errors.add(field + ".minimumOrder", "Minimum order for " + label + " is required.");
            return;
        }
        var currency = assetClass.currency();
        var min = errors.value(() -> amount(field + ".minimumOrder", "Minimum order for " + label,
                classRules.minimumOrder(), currency));
        var max = errors.value(() -> amount(field + ".maximumOrder", "Maximum order for " + label,
                classRules.maximumOrder(), currency));
        if (min != null && max != null && min.compareTo(max) > 0) {
            errors.add(field + ".minimumOrder", "Minimum order for " + label + " ("
                    + currency.format(min) + ") is above the maximum (" + currency.format(max) + ").");
        }
        var ceiling = limits.maxOrder(currency);
        if (max != null && max.compareTo(ceiling) > 0) {
            errors.add(field + ".maximumOrder", "Maximum order for " + label + " ("
                    + currency.format(max) + ") is above the platform limit of " + currency.format(ceiling) + ".");
        }
        if (classRules.minimumKyc() == null) {
            errors.add(field + ".minimumKyc", "Choose the minimum KYC level for " + label + ".");
        }
    }

    private static void checkDaily(InvestmentRules rules, RuleLimits limits, FieldErrors errors) {
        var daily = rules.daily();
        if (daily == null || daily.maxOrders() == null) {
            errors.add("daily.maxOrders", "Daily order count limit is required.");
        } else if (daily.maxOrders() < 1) {
            errors.add("daily.maxOrders", "Daily order count limit must be at least 1 (it is "
                    + daily.maxOrders() + ").");
        } else if (daily.maxOrders() > limits.maxDailyOrders()) {
            errors.add("daily.maxOrders", "Daily order count limit (" + daily.maxOrders()
                    + ") is above the platform limit of " + limits.maxDailyOrders() + ".");
        }
        checkDailyAmount(rules, Currency.USD, "daily.maxAmountUsd", daily == null ? null : daily.maxAmountUsd(),
                limits, errors);
        checkDailyAmount(rules, Currency.INR, "daily.maxAmountInr", daily == null ? null : daily.maxAmountInr(),
                limits, errors);
    }

    private static void checkDailyAmount(InvestmentRules rules, Currency currency, String field, BigDecimal value,
                                         RuleLimits limits, FieldErrors errors) {
        var traded = rules.assetClasses().stream().filter(a -> a.currency() == currency).toList();
        var label = "Daily amount limit in " + currency;
        if (traded.isEmpty()) {
            if (value != null) {
                errors.add(field, label + " is set, but no asset class traded in " + currency + " is offered.");
            }
            return;
        }
        var amount = errors.value(() -> amount(field, label, value, currency));
        if (amount == null) {
            return;
        }
        var ceiling = limits.maxDailyAmount(currency);
        if (amount.compareTo(ceiling) > 0) {
            errors.add(field, label + " (" + currency.format(amount)
                    + ") is above the platform limit of " + currency.format(ceiling) + ".");
            return;
        }
        for (var assetClass : traded) {
            if (errors.has(assetClass.field())) {
                continue; // its maximum is refused already (and may not even be a number to compare with)
            }
            var max = rules.rulesFor(assetClass).maximumOrder();
            if (amount.compareTo(max) < 0) {
                errors.add(field, label + " (" + currency.format(amount)
                        + ") is below the maximum single order for " + assetClass.label() + " ("
                        + currency.format(max) + "), so such an order could never be placed.");
                return;
            }
        }
    }

    private static void checkSip(InvestmentRules rules, RuleLimits limits, FieldErrors errors) {
        var sip = rules.sip();
        if (!rules.offers(AssetClass.MUTUAL_FUNDS)) {
            if (sip != null) {
                errors.add("sip.minimumAmount", "SIP rules are set, but mutual funds are not offered.");
            }
            return;
        }
        if (sip == null) {
            errors.add("sip.minimumAmount", "SIP minimum amount is required.");
            return;
        }
        var inr = Currency.INR;
        var min = errors.value(() -> amount("sip.minimumAmount", "SIP minimum amount", sip.minimumAmount(), inr));
        if (min != null && !errors.has(AssetClass.MUTUAL_FUNDS.field())) {
            var fundMax = rules.mutualFunds().maximumOrder();
            var fundMin = rules.mutualFunds().minimumOrder();
            if (min.compareTo(fundMax) > 0) {
                errors.add("sip.minimumAmount", "SIP minimum amount (" + inr.format(min)
                        + ") is above the mutual fund maximum order (" + inr.format(fundMax) + ").");
            } else if (min.compareTo(fundMin) < 0) {
                errors.add("sip.minimumAmount", "SIP minimum amount (" + inr.format(min)
                        + ") is below the mutual fund minimum order (" + inr.format(fundMin) + ").");
            }
        }
        errors.run(() -> checkDebitDays(sip));
        if (sip.maxActive() == null || sip.maxActive() < 1) {
            errors.add("sip.maxActive", "Maximum active SIPs per investor must be at least 1.");
        } else if (sip.maxActive() > limits.maxActiveSips()) {
            errors.add("sip.maxActive", "Maximum active SIPs per investor (" + sip.maxActive()
                    + ") is above the platform limit of " + limits.maxActiveSips() + ".");
        }
    }

    private static void checkDebitDays(InvestmentRules.SipRules sip) {
        if (sip.debitDays().isEmpty()) {
            throw new InvalidValueException("sip.debitDays", "Choose at least one SIP debit day.");
        }
        var seen = new HashSet<Integer>();
        for (var day : sip.debitDays()) {
            if (day < 1 || day > 28) {
                throw new InvalidValueException("sip.debitDays", "SIP debit day " + day
                        + " is not allowed: use days 1 to 28, which every month has.");
            }
            if (!seen.add(day)) {
                throw new InvalidValueException("sip.debitDays", "SIP debit day " + day + " is listed twice.");
            }
        }
    }

    private static void checkTickers(InvestmentRules rules, RuleLimits limits) {
        var tickers = rules.restrictedTickers();
        if (tickers.size() > limits.maxRestrictedTickers()) {
            throw new InvalidValueException("restrictedTickers", "At most " + limits.maxRestrictedTickers()
                    + " restricted tickers are allowed (there are " + tickers.size() + ").");
        }
        var seen = new HashSet<String>();
        for (var ticker : tickers) {
            if (ticker == null || !TICKER.matcher(ticker).matches()) {
                throw new InvalidValueException("restrictedTickers", "Restricted ticker " + quote(ticker)
                        + " is not a ticker symbol: use 1 to 5 capital letters, optionally with a class suffix "
                        + "such as BRK.B.");
            }
            if (!seen.add(ticker)) {
                throw new InvalidValueException("restrictedTickers", "Restricted ticker " + ticker
                        + " is listed twice.");
            }
        }
    }

    private static void checkFundCategories(InvestmentRules rules) {
        if (rules.offers(AssetClass.MUTUAL_FUNDS) && rules.fundCategories().isEmpty()) {
            throw new InvalidValueException("fundCategories", "Choose at least one mutual fund category.");
        }
        if (!rules.offers(AssetClass.MUTUAL_FUNDS) && !rules.fundCategories().isEmpty()) {
            throw new InvalidValueException("fundCategories",
                    "Mutual fund categories are set, but mutual funds are not offered.");
        }
    }

    private static void checkTradingWindow(InvestmentRules.TradingWindow window, FieldErrors errors) {
        if (window == null || window.opens() == null) {
            errors.add("tradingWindow.opens", "Trading window opening time is required.");
        }
        if (window == null || window.closes() == null) {
            errors.add("tradingWindow.closes", "Trading window closing time is required.");
            return;
        }
        if (window.opens() != null && !window.opens().isBefore(window.closes())) {
            errors.add("tradingWindow.closes", "Trading window closes at " + window.closes()
                    + ", which is not after it opens at " + window.opens() + " ("
                    + InvestmentRules.TradingWindow.ZONE.getId() + ").");
        }
    }

    private static BigDecimal amount(String field, String label, BigDecimal value, Currency currency) {
        if (value == null) {
            throw new InvalidValueException(field, label + " is required.");
        }
        // before any arithmetic or formatting: 1E+1000000 is a short string but minutes of CPU to compare or print
        BoundedNumber.MONEY.check(field, label, value);
        if (value.signum() <= 0) {
            throw new InvalidValueException(field, label + " must be more than " + currency.format(BigDecimal.ZERO)
                    + " (it is " + value.toPlainString() + ").");
        }
        return value;
    }

    private static String quote(String value) {
        if (value == null) {
            return "(empty)";
        }
        return "'" + (value.length() <= 12 ? value : value.substring(0, 9) + "...") + "'";
    }
}
