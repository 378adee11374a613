package io.concierge.rules;

import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigDiff;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.FieldChange;
import io.concierge.rules.InvestmentRules.AssetClassRules;
import io.concierge.rules.InvestmentRules.DailyLimits;
import io.concierge.rules.InvestmentRules.SipRules;
import io.concierge.rules.InvestmentRules.TradingWindow;
import io.concierge.rules.internal.RulesDocuments;
import io.concierge.rules.internal.RulesValidator;
import io.concierge.security.TenantAccess;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The investment rules area: the only type rules views call. Rules are validated field by field, across
 * fields and against the platform's {@link RuleLimits}, then stored as a new version through the
 * {@link ConfigurationStore}, which also refuses auditors and detects concurrent edits.
 */
@Service
@Transactional(readOnly = true)
public class RulesService {

    private final ConfigurationStore store;
    private final TenantService tenants;
    private final TenantAccess access;
    private final RuleLimits limits;

    RulesService(ConfigurationStore store, TenantService tenants, TenantAccess access, RuleLimits limits) {
        this.store = store;
        this.tenants = tenants;
        this.access = access;
        this.limits = limits;
    }

    /**
     * Opens the tenant's rules by slug; a tenant without rules gets {@link #defaults()} as an unsaved starting
     * point. Refused (and recorded) for a partner admin of another tenant.
     */
    public Optional<RulesSnapshot> open(String slug) {
        return tenants.open(slug).map(tenant -> {
            var current = store.current(tenant.id(), ConfigArea.RULES);
            var rules = current.map(v -> RulesDocuments.fromJson(v.content())).orElseGet(RulesService::defaults);
            return new RulesSnapshot(tenant.id(), tenant.slug(), tenant.displayName(), rules,
                    current.map(ConfigVersion::version).orElse(0L), current.isPresent(), access.canEdit(tenant.id()));
        });
    }

    public Optional<InvestmentRules> current(TenantId tenant) {
        return store.current(tenant, ConfigArea.RULES).map(v -> RulesDocuments.fromJson(v.content()));
    }

    /**
     * Validates and stores the rules as a new version. {@code expectedVersion} is the version the editor was
     * opened on (0 for none); a newer one makes this throw ConfigurationConflictException and write nothing.
     */
    @Transactional
    public ConfigVersion save(TenantId tenant, TenantSlug slug, long expectedVersion, InvestmentRules rules,
                              String comment) {
        access.requireEdit(tenant, "change investment rules");
        RulesValidator.validate(rules, limits);
        return store.save(tenant, slug, ConfigArea.RULES, expectedVersion, RulesDocuments.toJson(rules), comment);
    }

    /** Throws the first reason the rules would be refused on save, so the editor can show it before the review. */
    public void validate(InvestmentRules rules) {
        RulesValidator.validate(rules, limits);
    }

    /** Makes an old version current again; it must still pass today's checks and platform limits. */
    @Transactional
    public ConfigVersion restore(TenantId tenant, TenantSlug slug, long versionToRestore, long expectedVersion,
                                 String comment) {
        access.requireEdit(tenant, "restore investment rules");
        RulesValidator.validate(version(tenant, versionToRestore), limits);
        return store.restore(tenant, slug, ConfigArea.RULES, versionToRestore, expectedVersion, comment);
    }

    /** Every saved version, newest first. */
    public List<ConfigVersion> history(TenantId tenant) {
        return store.history(tenant, ConfigArea.RULES);
    }

    public InvestmentRules version(TenantId tenant, long version) {
        return store.version(tenant, ConfigArea.RULES, version).map(v -> RulesDocuments.fromJson(v.content()))
                .orElseThrow(() -> new InvalidValueException("No version " + version + " of the investment rules."));
    }

    public RuleLimits limits() {
        return limits;
    }

    /**
     * What a new tenant starts from: every asset class, conservative order sizes and the exchange's regular
     * session. Shown in the editor, stored only when saved.
     */
    public static InvestmentRules defaults() {
        return new InvestmentRules(
                List.of(AssetClass.values()), true,
                new AssetClassRules(new BigDecimal("1.00"), new BigDecimal("25000.00"), KycLevel.STANDARD),
                new AssetClassRules(new BigDecimal("1.00"), new BigDecimal("25000.00"), KycLevel.STANDARD),
                new AssetClassRules(new BigDecimal("500.00"), new BigDecimal("500000.00"), KycLevel.BASIC),
                new DailyLimits(50, new BigDecimal("50000.00"), new BigDecimal("1000000.00")),
                new SipRules(new BigDecimal("500.00"), List.of(1, 5, 10, 15, 20, 25), 10),
                List.of(), List.of(FundCategory.values()), LotMatching.FIFO,
                new TradingWindow(LocalTime.of(9, 30), LocalTime.of(16, 0)));
    }

    /** The rules that differ between two versions, labelled for people, in form order. */
    public List<FieldChange> changes(InvestmentRules before, InvestmentRules after) {
        return ConfigDiff.labelled(describe(before), describe(after));
    }

    /** The same for two stored contents (versions' JSON; null for none), as the history compares them. */
    public List<FieldChange> changes(String beforeContent, String afterContent) {
        return changes(read(beforeContent), read(afterContent));
    }

    private static InvestmentRules read(String content) {
        return content == null ? null : RulesDocuments.fromJson(content);
    }

    private static Map<String, String> describe(InvestmentRules rules) {
        var fields = new LinkedHashMap<String, String>();
        if (rules == null) {
            return fields;
        }
        fields.put("Asset classes offered", rules.assetClasses().stream().map(AssetClass::title)
                .collect(Collectors.joining(", ")));
        fields.put("Fractional shares", rules.fractionalShares() ? "allowed" : "not allowed");
        for (var assetClass : AssetClass.values()) {
            var r = rules.rulesFor(assetClass);
            var currency = assetClass.currency();
            fields.put(assetClass.title() + ": minimum order", r == null ? "–" : currency.format(r.minimumOrder()));
            fields.put(assetClass.title() + ": maximum order", r == null ? "–" : currency.format(r.maximumOrder()));
            fields.put(assetClass.title() + ": minimum KYC",
                    r == null || r.minimumKyc() == null ? "–" : r.minimumKyc().label());
        }
        var daily = rules.daily();
        fields.put("Daily order count", daily == null || daily.maxOrders() == null ? "–" : daily.maxOrders().toString());
        fields.put("Daily amount (USD)", daily == null ? "–" : Currency.USD.format(daily.maxAmountUsd()));
        fields.put("Daily amount (INR)", daily == null ? "–" : Currency.INR.format(daily.maxAmountInr()));
        var sip = rules.sip();
        fields.put("SIP minimum amount", sip == null ? "–" : Currency.INR.format(sip.minimumAmount()));
        fields.put("SIP debit days", sip == null ? "–" : sip.debitDays().stream().map(String::valueOf)
                .collect(Collectors.joining(", ")));
        fields.put("Maximum active SIPs", sip == null || sip.maxActive() == null ? "–" : sip.maxActive().toString());
        fields.put("Restricted tickers", rules.restrictedTickers().isEmpty() ? "none"
                : String.join(", ", rules.restrictedTickers()));
        fields.put("Mutual fund categories", rules.fundCategories().isEmpty() ? "none"
                : rules.fundCategories().stream().map(FundCategory::label).collect(Collectors.joining(", ")));
        fields.put("Lot matching", rules.lotMatching() == null ? "–" : rules.lotMatching().label());
        var window = rules.tradingWindow();
        fields.put("Trading window", window == null ? "–" : window.opens() + "–" + window.closes() + " "
                + TradingWindow.ZONE.getId());
        return fields;
    }
}
