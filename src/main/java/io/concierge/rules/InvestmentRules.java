package io.concierge.rules;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's investment rules, stored as one JSON document (area "rules"). Amounts are in the asset class's
 * currency ({@link AssetClass#currency()}) and stored as strings so no decimal is ever rounded through a double.
 * Lists of choices are kept sorted so equal rules have one stored form; restricted tickers keep the order (and
 * any duplicate) the user typed, so a duplicate can be pointed out.
 *
 * @param usStocks    order limits and KYC for US stocks; null when not offered
 * @param etfs        likewise for ETFs
 * @param mutualFunds likewise for mutual funds (in INR)
 * @param sip         systematic investment plan rules; null when mutual funds are not offered
 */
@JsonIgnoreProperties(value = "schemaVersion", allowGetters = true)
public record InvestmentRules(List<AssetClass> assetClasses, boolean fractionalShares, AssetClassRules usStocks,
                              AssetClassRules etfs, AssetClassRules mutualFunds, DailyLimits daily, SipRules sip,
                              List<String> restrictedTickers, List<FundCategory> fundCategories,
                              LotMatching lotMatching, TradingWindow tradingWindow) {

    public static final int SCHEMA_VERSION = 1;

    public InvestmentRules {
        assetClasses = assetClasses == null ? List.of()
                : assetClasses.stream().filter(Objects::nonNull).distinct().sorted().toList();
        fundCategories = fundCategories == null ? List.of()
                : fundCategories.stream().filter(Objects::nonNull).distinct().sorted().toList();
        restrictedTickers = restrictedTickers == null ? List.of() : List.copyOf(restrictedTickers);
    }

    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /**
     * Amounts with cents, so 100 and 100.00 are stored alike. More than two decimals are kept as given for the
     * validator to refuse rather than silently rounded.
     */
    static BigDecimal money(BigDecimal amount) {
        return amount == null || amount.stripTrailingZeros().scale() > 2 ? amount : amount.setScale(2);
    }

    public boolean offers(AssetClass assetClass) {
        return assetClasses.contains(assetClass);
    }

    public AssetClassRules rulesFor(AssetClass assetClass) {
        return switch (assetClass) {
            case US_STOCKS -> usStocks;
            case ETFS -> etfs;
            case MUTUAL_FUNDS -> mutualFunds;
        };
    }

    /** Order size limits and the KYC level an investor needs for one asset class. */
    public record AssetClassRules(BigDecimal minimumOrder, BigDecimal maximumOrder, KycLevel minimumKyc) {

        public AssetClassRules {
            minimumOrder = money(minimumOrder);
            maximumOrder = money(maximumOrder);
        }
    }

    /** Per investor and day; each amount limit applies to the asset classes traded in its currency. */
    public record DailyLimits(Integer maxOrders, BigDecimal maxAmountUsd, BigDecimal maxAmountInr) {

        public DailyLimits {
            maxAmountUsd = money(maxAmountUsd);
            maxAmountInr = money(maxAmountInr);
        }
    }

    /** Monthly SIPs in mutual funds: minimum instalment (INR), allowed debit days (1-28) and how many at once. */
    public record SipRules(BigDecimal minimumAmount, List<Integer> debitDays, Integer maxActive) {

        public SipRules {
            minimumAmount = money(minimumAmount);
            debitDays = debitDays == null ? List.of() : debitDays.stream().filter(Objects::nonNull).sorted().toList();
        }
    }

    /** When orders are accepted, in the exchange's time zone. */
    @JsonIgnoreProperties(value = "timeZone", allowGetters = true)
    public record TradingWindow(LocalTime opens, LocalTime closes) {

        public static final ZoneId ZONE = ZoneId.of("America/New_York");

        @JsonProperty("timeZone")
        public String timeZone() {
            return ZONE.getId();
        }
    }
}
