package io.concierge.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DisplayTextTests {

    @Test
    void names_in_any_script_with_joiners_and_emoji_are_kept_trimmed() {
        assertThat(DisplayText.name("f", "Name", "  Kotak Securities ", 60)).isEqualTo("Kotak Securities");
        assertThat(DisplayText.name("f", "Name", "\u0915\u094D\u200D\u0937 \u05E9\u05DC\u05D5\u05DD \uD83D\uDCC8", 60))
                .startsWith("\u0915");
        assertThat(DisplayText.name("f", "Name", "\uD83D\uDCC8".repeat(60), 60)).hasSize(120);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
            "\u200E", "\u200F", "\u061C"})
    void every_bidirectional_control_is_refused_by_name(String bidi) {
        assertThatThrownBy(() -> DisplayText.name("roleName", "Role name", "Admin" + bidi + "x", 60))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("Role name must not contain invisible text-direction characters, which make text display "
                        + "differently from how it is stored (found " + String.format("U+%04X", (int) bidi.charAt(0))
                        + " at character 6).")
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("roleName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r", "\t", "\u0000", "\u001B", "\u007F", "\u0085", "\u2028", "\u2029"})
    void control_characters_and_line_separators_are_refused(String control) {
        assertThatThrownBy(() -> DisplayText.name("f", "Name", "A" + control + "B", 60))
                .hasMessageStartingWith("Name must not contain control characters such as line breaks or tabs");
    }

    @Test
    void invisible_marks_unpaired_surrogates_and_private_use_are_refused() {
        assertThatThrownBy(() -> DisplayText.name("f", "Name", "A\uFEFFB", 60)).hasMessageContaining("invisible formatting");
        assertThatThrownBy(() -> DisplayText.name("f", "Name", "A\uD83DB", 60)).hasMessageContaining("unassigned");
        assertThatThrownBy(() -> DisplayText.name("f", "Name", "A\uE000B", 60)).hasMessageContaining("private-use");
    }

    @Test
    void comments_may_span_lines_but_not_reverse_direction() {
        DisplayText.checkMultiline("comment", "Comment", "Raised limits.\nTicket 42\tapproved");
        assertThatThrownBy(() -> DisplayText.checkMultiline("comment", "Comment", "ok\u202Eko"))
                .hasMessageContaining("text-direction");
    }

    @Test
    void emails_follow_one_strict_rule() {
        assertThat(EmailAddress.parse("e", "Email", " ops+alerts@bank-one.example.co ")).isEqualTo(
                "ops+alerts@bank-one.example.co");
        for (var bad : new String[] {"<script>alert(1)</script>@evil.example", "a@b", "a@-b.example", "a..b@x.example",
                ".a@x.example", "a b@x.example", "\"a\"@x.example", "a@[127.0.0.1]", "\u00E9@x.example",
                "a@x.example\u202E", "x".repeat(65) + "@x.example", "a@" + "b".repeat(64) + ".example",
                "javascript:alert(1)//@x.example"}) {
            assertThatThrownBy(() -> EmailAddress.parse("contactEmail", "Contact email", bad))
                    .as(bad).isInstanceOf(InvalidValueException.class).hasMessageContaining("is not a valid address")
                    .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("contactEmail");
        }
        assertThatThrownBy(() -> EmailAddress.parse("e", "Support email", "a@x.example\u202E"))
                .hasMessageStartingWith("Support email 'a@x.example?' is not");
    }
}
