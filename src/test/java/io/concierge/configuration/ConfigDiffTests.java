package io.concierge.configuration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDiffTests {

    @Test
    void equal_contents_have_no_changes() {
        assertThat(ConfigDiff.between("{\"a\":1,\"b\":[1,2]}", "{\"b\":[2,1],\"a\":1}")).isEmpty();
    }

    @Test
    void changed_added_and_removed_fields_are_reported_by_path() {
        var changes = ConfigDiff.between(
                "{\"colors\":{\"primary\":\"#112233\",\"accent\":\"#000000\"},\"name\":\"Acme\"}",
                "{\"colors\":{\"primary\":\"#445566\",\"text\":\"#ffffff\"},\"name\":\"Acme\"}");
        assertThat(changes).containsExactly(
                new FieldChange("colors.accent", "#000000", null),
                new FieldChange("colors.primary", "#112233", "#445566"),
                new FieldChange("colors.text", null, "#ffffff"));
        assertThat(changes.get(1).describe()).isEqualTo("colors.primary #112233 → #445566");
    }

    @Test
    void objects_with_a_key_are_matched_by_key_not_by_position() {
        var before = "{\"roles\":[{\"key\":\"investor\",\"name\":\"Investor\",\"scopes\":[]},"
                + "{\"key\":\"advisor\",\"name\":\"Advisor\",\"scopes\":[]}]}";
        var after = "{\"roles\":[{\"key\":\"advisor\",\"name\":\"Senior advisor\",\"scopes\":[]},"
                + "{\"key\":\"investor\",\"name\":\"Investor\",\"scopes\":[]}]}";
        assertThat(ConfigDiff.between(before, after))
                .containsExactly(new FieldChange("roles[advisor].name", "Advisor", "Senior advisor"));
    }

    @Test
    void each_added_or_removed_scope_of_a_role_is_one_cell_change() {
        var before = "{\"roles\":[{\"key\":\"advisor\",\"name\":\"Advisor\",\"scopes\":[\"orders:read\",\"sip:read\"]}]}";
        var after = "{\"roles\":[{\"key\":\"advisor\",\"name\":\"Advisor\",\"scopes\":[\"orders:cancel\",\"orders:read\"]}]}";
        var changes = ConfigDiff.between(before, after);
        assertThat(changes).containsExactly(
                new FieldChange("roles[advisor].scopes", "sip:read", null),
                new FieldChange("roles[advisor].scopes", null, "orders:cancel"));
        assertThat(changes.get(1).describe()).isEqualTo("roles[advisor].scopes: + orders:cancel");
        assertThat(changes.get(0).kind()).isEqualTo(FieldChange.Kind.REMOVED);
    }

    @Test
    void an_added_role_shows_every_field_and_scope() {
        var before = "{\"roles\":[]}";
        var after = "{\"roles\":[{\"key\":\"auditor\",\"name\":\"Auditor\",\"scopes\":[\"audit:read\"]}]}";
        assertThat(ConfigDiff.between(before, after)).containsExactly(
                new FieldChange("roles[auditor].key", null, "auditor"),
                new FieldChange("roles[auditor].name", null, "Auditor"),
                new FieldChange("roles[auditor].scopes", null, "audit:read"));
    }

    @Test
    void a_deleted_role_shows_what_it_held() {
        var before = "{\"roles\":[{\"key\":\"x1\",\"name\":\"X\",\"scopes\":[\"a:b\"]}]}";
        assertThat(ConfigDiff.between(before, "{\"roles\":[]}")).containsExactly(
                new FieldChange("roles[x1].key", "x1", null),
                new FieldChange("roles[x1].name", "X", null),
                new FieldChange("roles[x1].scopes", "a:b", null));
    }

    @Test
    void the_first_version_is_compared_with_nothing() {
        assertThat(ConfigDiff.between(null, "{\"limit\":5}")).containsExactly(new FieldChange("limit", null, "5"));
    }

    @Test
    void arrays_of_objects_without_keys_are_compared_by_position() {
        assertThat(ConfigDiff.between("{\"tiers\":[{\"max\":1},{\"max\":2}]}", "{\"tiers\":[{\"max\":1},{\"max\":3}]}"))
                .containsExactly(new FieldChange("tiers[1].max", "2", "3"));
    }

    @Test
    void a_value_that_changes_type_is_one_change() {
        assertThat(ConfigDiff.between("{\"a\":{\"b\":1}}", "{\"a\":\"flat\"}"))
                .containsExactly(new FieldChange("a", "{\"b\":1}", "flat"));
    }
}
