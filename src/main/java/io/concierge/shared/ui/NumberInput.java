package io.concierge.shared.ui;

import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.data.converter.Converter;
import io.concierge.shared.BoundedNumber;
import io.concierge.shared.InvalidValueException;

import java.math.BigDecimal;

/**
 * Number inputs of every form: a text field whose text only {@link BoundedNumber} turns into a number. Vaadin's
 * {@code BigDecimalField} and {@code IntegerField} hand whatever a client sends straight to {@code new BigDecimal}
 * or {@code parseInt}; the browser's character filter is no guard against a hostile client, so the server parses
 * with bounds, and the field shows the refusal.
 */
public final class NumberInput {

    private NumberInput() {
    }

    /** A right-aligned input that offers a numeric keyboard and filters what a browser lets users type. */
    public static TextField field(String label) {
        var field = new TextField(label);
        field.setAllowedCharPattern("[-0-9.]");
        field.addThemeVariants(TextFieldVariant.LUMO_ALIGN_RIGHT);
        field.getElement().setAttribute("inputmode", "decimal");
        return field;
    }

    /** Text to a decimal within the bounds; the message names the field by its label. */
    public static Converter<String, BigDecimal> decimal(BoundedNumber bounds, String label) {
        return Converter.from(text -> parse(bounds, label, text), value -> value == null ? "" : value.toPlainString());
    }

    /** Text to a whole number that fits an {@code int} ({@link BoundedNumber#COUNT}). */
    public static Converter<String, Integer> whole(String label) {
        return Converter.from(text -> parse(BoundedNumber.COUNT, label, text).map(v -> v == null ? null : v.intValueExact()),
                value -> value == null ? "" : value.toString());
    }

    private static Result<BigDecimal> parse(BoundedNumber bounds, String label, String text) {
        try {
            return Result.ok(bounds.parse(null, label, text));
        } catch (InvalidValueException e) {
            return Result.error(e.getMessage());
        }
    }
}
