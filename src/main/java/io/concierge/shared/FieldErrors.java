package io.concierge.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the refusals of a validation that checks every field, so one {@link InvalidValueException} names all
 * offending fields rather than stopping at the first. Each field's check still throws as usual; the collector
 * keeps what it threw and goes on.
 */
public final class FieldErrors {

    private final List<InvalidValueException.FieldError> errors = new ArrayList<>();

    /** Runs a check that returns the field's normalised value; on a refusal keeps it and returns null. */
    public <V> V value(Supplier<V> check) {
        try {
            return check.get();
        } catch (InvalidValueException refusal) {
            errors.addAll(refusal.errors());
            return null;
        }
    }

    /** Runs a check that returns nothing; a refusal is kept. */
    public void run(Runnable check) {
        try {
            check.run();
        } catch (InvalidValueException refusal) {
            errors.addAll(refusal.errors());
        }
    }

    public void add(String field, String message) {
        errors.add(new InvalidValueException.FieldError(field, message));
    }

    /** Whether a field, or any field under it ({@code "usStocks"} covers {@code "usStocks.maximumOrder"}), failed. */
    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field() != null
                && (e.field().equals(field) || e.field().startsWith(field + ".")));
    }

    /** Throws one refusal naming every field that failed, if any did. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidValueException(errors);
        }
    }
}
