package io.concierge.shared.ui;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class TimesTests {

    @Test
    void a_moment_is_shown_as_iso_24_hour_utc_and_labelled() {
        assertThat(Times.format(Instant.parse("2026-12-01T21:05:09.123Z"))).isEqualTo("2026-12-01 21:05:09 UTC");
        assertThat(Times.format(null, "never")).isEqualTo("never");
    }

    @Test
    void pickers_take_iso_dates_a_24_hour_clock_and_say_utc() {
        var date = Times.datePicker("From");
        assertThat(date.getLabel()).isEqualTo("From (UTC)");
        assertThat(date.getI18n().getDateFormats()).containsExactly("yyyy-MM-dd");
        var moment = Times.dateTimePicker("As of");
        assertThat(moment.getLabel()).isEqualTo("As of (UTC)");
        assertThat(moment.getDatePickerI18n().getDateFormats()).containsExactly("yyyy-MM-dd");
        // the UK locale's time format is HH:mm: a 24-hour clock, no AM/PM
        assertThat(moment.getLocale()).isEqualTo(Locale.UK);
        assertThat(Times.dateTimePicker("At (UTC, empty for now)").getLabel()).isEqualTo("At (UTC, empty for now)");
    }
}
