package io.concierge.shared.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The console's one way to show a moment: ISO date, 24-hour time, UTC, labelled ("2026-12-01 21:59:44 UTC"),
 * in grids, texts and pickers alike. Pickers take UTC too and say so in their label.
 */
public final class Times {

    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** ISO dates, and a 24-hour clock in the time part. */
    private static final Locale PICKER_LOCALE = Locale.UK;

    private Times() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** The moment, or {@code none} ("never", "–") when there is none. */
    public static String format(Instant instant, String none) {
        return instant == null ? none : FORMAT.format(instant);
    }

    /** A date picker in ISO format; its label says the date is a UTC one. */
    public static DatePicker datePicker(String label) {
        var picker = new DatePicker(utc(label));
        picker.setLocale(PICKER_LOCALE);
        picker.setI18n(isoDates());
        return picker;
    }

    /** A date and 24-hour time picker in ISO format; its label says the moment is in UTC. */
    public static DateTimePicker dateTimePicker(String label) {
        var picker = new DateTimePicker(utc(label));
        picker.setLocale(PICKER_LOCALE);
        picker.setDatePickerI18n(isoDates());
        return picker;
    }

    private static DatePicker.DatePickerI18n isoDates() {
        return new DatePicker.DatePickerI18n().setDateFormat("yyyy-MM-dd");
    }

    private static String utc(String label) {
        return label.contains("UTC") ? label : label + " (UTC)";
    }
}
