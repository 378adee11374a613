package io.concierge.shared;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one way a number from a user or an API client becomes a {@link BigDecimal}: its length, digits, scale and
 * magnitude are bounded before any arithmetic, because {@code new BigDecimal("1E+1000000")} is cheap but
 * formatting, comparing or stripping such a value pins a CPU core for minutes. Form text is parsed by
 * {@link #parse}; a value some other parser already produced (a JSON document, an API body) goes through
 * {@link #check} before anything else touches it. Every refusal names the field.
 *
 * @param integerDigits most digits before the decimal point
 * @param decimals      most significant digits after it (trailing zeros do not count)
 */
public record BoundedNumber(int integerDigits, int decimals) {

    /** Money: up to a trillion minus a cent, in any currency the platform trades. */
    public static final BoundedNumber MONEY = new BoundedNumber(15, 2);
    /** Counts (orders, SIPs): whole numbers that fit an {@code int}. */
    public static final BoundedNumber COUNT = new BoundedNumber(9, 0);

    /** Longer text is refused before it is even looked at. */
    public static final int MAX_TEXT_LENGTH = 40;
    /** Plain decimal notation only: no exponent, no grouping, no sign other than a leading minus. */
    private static final Pattern PLAIN = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)");
    /** ~40 decimal digits: anything longer is refused before its precision is computed. */
    private static final int MAX_UNSCALED_BITS = 133;

    public BoundedNumber {
        if (integerDigits < 1 || decimals < 0 || integerDigits + decimals > 30) {
            throw new IllegalArgumentException("bounds out of range: " + integerDigits + "/" + decimals);
        }
    }

    /**
     * Text typed into a form (or sent as a string): null or blank is {@code null}; anything but a plain decimal of
     * bounded size is refused with a message for the field labelled {@code label}.
     */
    public BigDecimal parse(String field, String label, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var trimmed = text.strip();
        if (trimmed.length() > MAX_TEXT_LENGTH) {
            throw new InvalidValueException(field, label + " is too long (" + trimmed.length()
                    + " characters): " + tooLarge());
        }
        if (!PLAIN.matcher(trimmed).matches()) {
            throw new InvalidValueException(field, label + " must be a plain number such as " + example()
                    + " (it is " + quote(trimmed) + ").");
        }
        return check(field, label, new BigDecimal(trimmed));
    }

    /** A value parsed elsewhere: refused unless within these bounds; returned unchanged otherwise. */
    public BigDecimal check(String field, String label, BigDecimal value) {
        if (value == null) {
            return null;
        }
        // unscaledValue().bitLength() and scale() are O(1); precision() of a bounded unscaled value is cheap
        if (value.unscaledValue().bitLength() > MAX_UNSCALED_BITS || value.scale() > MAX_TEXT_LENGTH
                || value.scale() < -integerDigits
                || value.signum() != 0 && value.precision() - value.scale() > integerDigits) {
            throw new InvalidValueException(field, label + " is out of range: " + tooLarge());
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > decimals) {
            throw new InvalidValueException(field, decimals == 0
                    ? label + " must be a whole number (it is " + value.toPlainString() + ")."
                    : label + " (" + value.toPlainString() + ") has more than " + decimalsText() + ".");
        }
        return value;
    }

    private String tooLarge() {
        return "use at most " + integerDigits + " digits before the decimal point"
                + (decimals == 0 ? " and no decimals." : " and " + decimalsText() + " after it.");
    }

    private String decimalsText() {
        return decimals == 1 ? "one decimal place" : decimals == 2 ? "two decimal places" : decimals + " decimal places";
    }

    private String example() {
        return decimals == 0 ? "25" : "1500." + "5".repeat(decimals);
    }

    private static String quote(String text) {
        return "'" + (text.length() <= 16 ? text : text.substring(0, 13) + "...") + "'";
    }
}
