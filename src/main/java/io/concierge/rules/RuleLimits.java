package io.concierge.rules;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;

/**
 * Platform-wide ceilings no tenant's rules may exceed ({@code concierge.rules.limits.*}, documented in
 * application.yml): what the brokerage and fund houses behind the platform accept.
 */
@Validated
@ConfigurationProperties("concierge.rules.limits")
public record RuleLimits(@NotNull @Positive BigDecimal maxOrderUsd, @NotNull @Positive BigDecimal maxOrderInr,
                         @NotNull @Positive BigDecimal maxDailyAmountUsd, @NotNull @Positive BigDecimal maxDailyAmountInr,
                         @Positive int maxDailyOrders, @Positive int maxActiveSips, @Positive int maxRestrictedTickers) {

    public BigDecimal maxOrder(Currency currency) {
        return currency == Currency.USD ? maxOrderUsd : maxOrderInr;
    }

    public BigDecimal maxDailyAmount(Currency currency) {
        return currency == Currency.USD ? maxDailyAmountUsd : maxDailyAmountInr;
    }
}
