package io.concierge.shared;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

class BoundedNumberTests {

    private static final BoundedNumber MONEY = BoundedNumber.MONEY;

    @Test
    void plain_amounts_within_the_bounds_parse_exactly() {
        assertThat(MONEY.parse("f", "Amount", " 1500.50 ")).isEqualByComparingTo("1500.50");
        assertThat(MONEY.parse("f", "Amount", "999999999999999.99")).isEqualByComparingTo("999999999999999.99");
        assertThat(MONEY.parse("f", "Amount", "25.000")).isEqualByComparingTo("25");
        assertThat(MONEY.parse("f", "Amount", "")).isNull();
        assertThat(BoundedNumber.COUNT.parse("f", "Orders", "200")).isEqualByComparingTo("200");
    }

    @Test
    void exponents_long_digit_strings_and_excess_precision_are_refused_quickly_with_the_field() {
        assertTimeout(Duration.ofSeconds(2), () -> {
            refused("1E+1000000", "Amount must be a plain number such as 1500.55 (it is '1E+1000000').");
            refused("1e309", "Amount must be a plain number such as 1500.55 (it is '1e309').");
            refused("9".repeat(10_000_000), "Amount is too long (10000000 characters): use at most 15 digits before "
                    + "the decimal point and two decimal places after it.");
            refused("1000000000000000", "Amount is out of range: use at most 15 digits before the decimal point and "
                    + "two decimal places after it.");
            refused("1.005", "Amount (1.005) has more than two decimal places.");
            refused("1,000", "Amount must be a plain number such as 1500.55 (it is '1,000').");
            refused("NaN", "Amount must be a plain number such as 1500.55 (it is 'NaN').");
            for (var parsed : new String[] {"1E+1000000", "1E+100000", "1e309", "1E-1000000", "9".repeat(1_000)}) {
                assertThatThrownBy(() -> MONEY.check("f", "Amount", new BigDecimal(parsed)))
                        .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("Amount is out of range");
            }
        });
        assertThatThrownBy(() -> BoundedNumber.COUNT.parse("f", "Orders", "2.5"))
                .hasMessage("Orders must be a whole number (it is 2.5).");
    }

    private static void refused(String text, String message) {
        assertThatThrownBy(() -> MONEY.parse("field", "Amount", text)).isInstanceOf(InvalidValueException.class)
                .hasMessage(message).extracting(e -> ((InvalidValueException) e).field()).isEqualTo("field");
    }
}
