package io.concierge.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** The currencies orders are placed in: US securities in dollars, Indian mutual funds in rupees. */
public enum Currency {
    USD("$"),
    INR("₹");

    private final String symbol;

    Currency(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** "$1,500.00" or "₹500.00", as messages and the review dialog show amounts. */
    public String format(BigDecimal amount) {
        if (amount == null) {
            return "–";
        }
        var format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        return symbol + format.format(amount.setScale(2, RoundingMode.HALF_UP));
    }
}
