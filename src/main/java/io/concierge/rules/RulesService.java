package io.concierge.rules;

import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.AreaSnapshot;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.rules.InvestmentRules.AssetClassRules;
import io.concierge.rules.InvestmentRules.DailyLimits;
import io.concierge.rules.InvestmentRules.SipRules;
import io.concierge.rules.InvestmentRules.TradingWindow;
import io.concierge.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;



/**
 * The investment rules area: its definition in the configuration model (open, save, restore and history go through
 * {@link ConfigurationAreas} like every area's), plus what only rules have: the platform's limits and defaults.
 */
@Service
@Transactional(readOnly = true)
public class RulesService {

    private final ConfigurationAreas areas;
    private final RulesArea area;
    private final RuleLimits limits;

    RulesService(ConfigurationAreas areas, RulesArea area, RuleLimits limits) {
        this.areas = areas;
        this.area = area;
        this.limits = limits;
    }

    /** The area's definition, which the editor frame and the configuration service work with. */
    public AreaDefinition<InvestmentRules> area() {
        return area;
    }

    /**
     * Opens the tenant's rules by slug; a tenant without rules gets {@link #defaults()} as an unsaved starting
     * point. Refused (and recorded) for a partner admin of another tenant.
     */
    public Optional<AreaSnapshot<InvestmentRules>> open(String slug) {
        return areas.open(area, slug);
    }

    public Optional<InvestmentRules> current(TenantId tenant) {
        return areas.current(area, tenant);
    }

    /** Validates and stores the rules as a new version; see {@link ConfigurationAreas#save}. */
    @Transactional
    public ConfigVersion save(TenantId tenant, long expectedVersion, InvestmentRules rules, String comment) {
        return areas.save(area, tenant, expectedVersion, rules, comment);
    }

    /** Throws the first reason the rules would be refused on save, so the editor can show it before the review. */
    public void validate(InvestmentRules rules) {
        area.validate(rules);
    }

    /** Restores an old version as a new one; it must still pass today's checks and platform limits. */
    @Transactional
    public ConfigVersion restore(TenantId tenant, long versionToRestore, long expectedVersion, String comment) {
        return areas.restore(area, tenant, versionToRestore, expectedVersion, comment);
    }

    /** Every saved version, newest first. */
    public List<ConfigVersion> history(TenantId tenant) {
        return areas.history(tenant, ConfigArea.RULES);
    }

    public InvestmentRules version(TenantId tenant, long version) {
        return areas.content(area, tenant, version);
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
}
