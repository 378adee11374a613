package io.concierge.rules.ui;

import io.concierge.rules.AssetClass;
import io.concierge.rules.Currency;
import io.concierge.rules.FundCategory;
import io.concierge.rules.KycLevel;
import io.concierge.rules.LotMatching;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The rules editor's mutable bean, bound field by field; {@link RulesFormMapper} turns it into
 * {@link io.concierge.rules.InvestmentRules} and back. Restricted tickers are one free-text field here.
 */
public class RulesForm {

    private Set<AssetClass> assetClasses = new LinkedHashSet<>();
    private boolean fractionalShares;
    private AssetClassForm usStocks = new AssetClassForm();
    private AssetClassForm etfs = new AssetClassForm();
    private AssetClassForm mutualFunds = new AssetClassForm();
    private DailyForm daily = new DailyForm();
    private SipForm sip = new SipForm();
    private String restrictedTickers = "";
    private Set<FundCategory> fundCategories = new LinkedHashSet<>();
    private LotMatching lotMatching;
    private WindowForm tradingWindow = new WindowForm();

    public boolean offers(AssetClass assetClass) {
        return assetClasses.contains(assetClass);
    }

    public boolean tradesIn(Currency currency) {
        return assetClasses.stream().anyMatch(a -> a.currency() == currency);
    }

    public AssetClassForm rulesFor(AssetClass assetClass) {
        return switch (assetClass) {
            case US_STOCKS -> usStocks;
            case ETFS -> etfs;
            case MUTUAL_FUNDS -> mutualFunds;
        };
    }

    public Set<AssetClass> getAssetClasses() {
        return assetClasses;
    }

    public void setAssetClasses(Set<AssetClass> assetClasses) {
        this.assetClasses = assetClasses;
    }

    public boolean isFractionalShares() {
        return fractionalShares;
    }

    public void setFractionalShares(boolean fractionalShares) {
        this.fractionalShares = fractionalShares;
    }

    public AssetClassForm getUsStocks() {
        return usStocks;
    }

    public void setUsStocks(AssetClassForm usStocks) {
        this.usStocks = usStocks;
    }

    public AssetClassForm getEtfs() {
        return etfs;
    }

    public void setEtfs(AssetClassForm etfs) {
        this.etfs = etfs;
    }

    public AssetClassForm getMutualFunds() {
        return mutualFunds;
    }

    public void setMutualFunds(AssetClassForm mutualFunds) {
        this.mutualFunds = mutualFunds;
    }

    public DailyForm getDaily() {
        return daily;
    }

    public void setDaily(DailyForm daily) {
        this.daily = daily;
    }

    public SipForm getSip() {
        return sip;
    }

    public void setSip(SipForm sip) {
        this.sip = sip;
    }

    public String getRestrictedTickers() {
        return restrictedTickers;
    }

    public void setRestrictedTickers(String restrictedTickers) {
        this.restrictedTickers = restrictedTickers;
    }

    public Set<FundCategory> getFundCategories() {
        return fundCategories;
    }

    public void setFundCategories(Set<FundCategory> fundCategories) {
        this.fundCategories = fundCategories;
    }

    public LotMatching getLotMatching() {
        return lotMatching;
    }

    public void setLotMatching(LotMatching lotMatching) {
        this.lotMatching = lotMatching;
    }

    public WindowForm getTradingWindow() {
        return tradingWindow;
    }

    public void setTradingWindow(WindowForm tradingWindow) {
        this.tradingWindow = tradingWindow;
    }

    /** Order limits and KYC of one asset class. */
    public static class AssetClassForm {
        private BigDecimal minimumOrder;
        private BigDecimal maximumOrder;
        private KycLevel minimumKyc;

        public BigDecimal getMinimumOrder() {
            return minimumOrder;
        }

        public void setMinimumOrder(BigDecimal minimumOrder) {
            this.minimumOrder = minimumOrder;
        }

        public BigDecimal getMaximumOrder() {
            return maximumOrder;
        }

        public void setMaximumOrder(BigDecimal maximumOrder) {
            this.maximumOrder = maximumOrder;
        }

        public KycLevel getMinimumKyc() {
            return minimumKyc;
        }

        public void setMinimumKyc(KycLevel minimumKyc) {
            this.minimumKyc = minimumKyc;
        }
    }

    /** Per-investor daily limits. */
    public static class DailyForm {
        private Integer maxOrders;
        private BigDecimal maxAmountUsd;
        private BigDecimal maxAmountInr;

        public Integer getMaxOrders() {
            return maxOrders;
        }

        public void setMaxOrders(Integer maxOrders) {
            this.maxOrders = maxOrders;
        }

        public BigDecimal getMaxAmountUsd() {
            return maxAmountUsd;
        }

        public void setMaxAmountUsd(BigDecimal maxAmountUsd) {
            this.maxAmountUsd = maxAmountUsd;
        }

        public BigDecimal getMaxAmountInr() {
            return maxAmountInr;
        }

        public void setMaxAmountInr(BigDecimal maxAmountInr) {
            this.maxAmountInr = maxAmountInr;
        }
    }

    /** SIP rules. */
    public static class SipForm {
        private BigDecimal minimumAmount;
        private Set<Integer> debitDays = new LinkedHashSet<>();
        private Integer maxActive;

        public BigDecimal getMinimumAmount() {
            return minimumAmount;
        }

        public void setMinimumAmount(BigDecimal minimumAmount) {
            this.minimumAmount = minimumAmount;
        }

        public Set<Integer> getDebitDays() {
            return debitDays;
        }

        public void setDebitDays(Set<Integer> debitDays) {
            this.debitDays = debitDays;
        }

        public Integer getMaxActive() {
            return maxActive;
        }

        public void setMaxActive(Integer maxActive) {
            this.maxActive = maxActive;
        }
    }

    /** Trading window in the exchange's time zone. */
    public static class WindowForm {
        private LocalTime opens;
        private LocalTime closes;

        public LocalTime getOpens() {
            return opens;
        }

        public void setOpens(LocalTime opens) {
            this.opens = opens;
        }

        public LocalTime getCloses() {
            return closes;
        }

        public void setCloses(LocalTime closes) {
            this.closes = closes;
        }
    }
}
