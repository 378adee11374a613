package io.concierge.branding.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import io.concierge.branding.Branding;
import io.concierge.branding.BrandingPreset;
import io.concierge.branding.BrandingService;
import io.concierge.branding.BrandingTestData;
import io.concierge.branding.ColorMode;
import io.concierge.branding.CornerStyle;
import io.concierge.branding.FontFamily;
import io.concierge.branding.TextTone;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.FieldChange;
import io.concierge.configuration.ui.ConflictNotice;
import io.concierge.configuration.ui.DiffList;
import io.concierge.configuration.ui.HistoryDialog;
import io.concierge.configuration.ui.ReviewChangesDialog;
import io.concierge.security.Actors;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.getNotifications;
import static org.assertj.core.api.Assertions.assertThat;

class BrandingViewTests extends KaribuTest {

    @Autowired
    TenantService tenants;
    @Autowired
    BrandingService branding;

    TenantSummary tenant;

    @BeforeEach
    void aTenant() {
        tenant = Actors.callAs(OPERATOR, () -> tenants.register(new NewTenant(uniqueSlug("brandui"), "Brand UI Partner",
                "ops@brandui.example", null)).tenant());
    }

    @Test
    void a_partner_admin_changes_the_primary_colour_sees_the_preview_follow_and_saves_through_the_review() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");

        _setValue(field("Primary colour"), "#0B5D3B");
        assertThat(_get(BrandPreview.class).getStyle().get("--brand-primary")).isEqualTo("#0B5D3B");
        assertThat(field("Primary colour").getHelperText()).contains("passes 4.5:1");

        _click(_get(Button.class, s -> s.withText("Review and save…")));
        var dialog = _get(ReviewChangesDialog.class);
        @SuppressWarnings("unchecked")
        Grid<FieldChange> changes = _get(dialog, Grid.class);
        assertThat(rows(changes)).contains(new FieldChange("Primary colour", "–", "#0B5D3B"));
        var save = _get(dialog, Button.class, s -> s.withText("Save"));
        var comment = _get(dialog, TextArea.class, s -> s.withLabel("Comment (why this change?)"));
        _click(save);
        assertThat(comment.getErrorMessage()).as("no save without a comment")
                .isEqualTo("A short comment saying why is required.");
        assertThat(Actors.callAs(OPERATOR, () -> branding.history(tenant.id()))).as("no save without a comment").isEmpty();
        _setValue(comment, "Greener brand");
        _click(save);

        assertThat(notificationTexts()).contains("Branding saved as version 1.");
        var history = versions(openHistory());
        assertThat(rows(history)).extracting(ConfigVersion::version, ConfigVersion::comment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "Greener brand"));
        assertThat(Actors.callAs(OPERATOR, () -> branding.current(tenant.id())).orElseThrow().primaryColor())
                .isEqualTo("#0B5D3B");
    }

    @Test
    void a_bad_colour_is_explained_on_its_field_and_low_contrast_blocks_the_save() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");
        var primary = field("Primary colour");

        _setValue(primary, "red");
        assertThat(primary.isInvalid()).isTrue();
        assertThat(primary.getErrorMessage()).contains("'red' is not a hex colour");
        assertThat(_get(BrandPreview.class).getStyle().get("--brand-primary")).as("preview keeps the last valid colour")
                .isEqualTo("#1A4D8F");

        _setValue(primary, "#4A90E2");
        assertThat(primary.isInvalid()).isFalse();
        assertThat(primary.getHelperText()).contains("3.2:1", "below 4.5:1", "Nearest passing shade: #");
        _click(_get(Button.class, s -> s.withText("Review and save…")));
        assertThat(primary.isInvalid()).isTrue();
        assertThat(primary.getErrorMessage()).contains("3.2:1", "Nearest passing shade");
        _assertNone(ReviewChangesDialog.class);
        assertThat(Actors.callAs(OPERATOR, () -> branding.history(tenant.id()))).isEmpty();
    }

    @Test
    void a_refused_save_marks_every_offending_field_at_once_with_a_summary_of_all() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");
        var accent = field("Accent colour");
        var url = field("Support URL");
        _setValue(accent, "#EEEE00");
        _setValue(url, "http://help.example.com");
        _click(_get(Button.class, s -> s.withText("Review and save…")));

        assertThat(accent.isInvalid()).isTrue();
        assertThat(accent.getErrorMessage()).startsWith("Accent colour #EEEE00 gives white text a contrast of");
        assertThat(url.isInvalid()).as("the second problem is marked in the same go").isTrue();
        assertThat(url.getErrorMessage()).isEqualTo("Support URL must start with https:// (investors' browsers warn "
                + "on anything else).");
        assertThat(_get(io.concierge.configuration.ui.AreaEditor.class).errorSummary()).containsExactly(
                "Accent colour: " + accent.getErrorMessage(), "Support URL: " + url.getErrorMessage());
        _assertNone(ReviewChangesDialog.class);
        assertThat(Actors.callAs(OPERATOR, () -> branding.history(tenant.id()))).isEmpty();
    }

    @Test
    void a_save_after_someone_else_saved_reports_the_conflict_and_reloads_their_version() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");
        Actors.callAs(OPERATOR, () -> branding.save(tenant.id(), 0, sample("Operator Brand"), "ops fix"));

        _setValue(field("Display name"), "Admin Brand");
        _click(_get(Button.class, s -> s.withText("Review and save…")));
        var dialog = _get(ReviewChangesDialog.class);
        _setValue(_get(dialog, TextArea.class), "my change");
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        var conflict = _get(dialog, ConflictNotice.class);
        assertThat(_get(conflict, Paragraph.class).getText()).contains("was changed by ops").contains("since you opened it");
        _click(_get(conflict, Button.class, s -> s.withText("Reload")));
        assertThat(field("Display name").getValue()).isEqualTo("Operator Brand");
        assertThat(_size(versions(openHistory()))).isEqualTo(1);
    }

    @Test
    void an_old_version_is_restored_after_reviewing_what_it_changes() {
        Actors.runAs(OPERATOR, () -> {
            branding.save(tenant.id(), 0, sample("First Name"), "first");
            branding.save(tenant.id(), 1, sample("Second Name"), "second");
        });
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");

        var displayName = field("Display name");
        var dialog = openHistory();
        var history = versions(dialog);
        history.select(rows(history).stream().filter(v -> v.version() == 1).findFirst().orElseThrow());
        @SuppressWarnings("unchecked")
        Grid<FieldChange> changes = _get(_get(dialog, DiffList.class), Grid.class);
        assertThat(rows(changes)).containsExactly(new FieldChange("Display name", "Second Name", "First Name"));
        _click(_get(dialog, Button.class, s -> s.withText("Restore this version")));
        _setValue(_get(dialog, TextArea.class), "the rename was a mistake");
        _click(_get(dialog, Button.class, s -> s.withText("Restore v1 as a new version")));

        assertThat(notificationTexts()).contains("Restored v1 as v3.");
        assertThat(displayName.getValue()).isEqualTo("First Name");
        assertThat(rows(history).get(0).restoredFrom()).isEqualTo(1L);
    }

    @Test
    void starting_from_a_preset_fills_the_form_and_the_preview() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");
        @SuppressWarnings("unchecked")
        Select<BrandingPreset> presets = _get(Select.class, s -> s.withLabel("Start from a preset"));
        _setValue(presets, branding.presets().stream().filter(p -> p.key().equals("midnight")).findFirst().orElseThrow());

        assertThat(field("Primary colour").getValue()).isEqualTo("#3B3F8F");
        assertThat(field("Display name").getValue()).isEqualTo("Brand UI Partner");
        var preview = _get(BrandPreview.class);
        assertThat(preview.getStyle().get("--brand-primary")).isEqualTo("#3B3F8F");
        assertThat(preview.hasClassName("brand-preview--dark")).isTrue();
    }

    @Test
    void an_auditor_sees_the_branding_without_any_editing_control() {
        Actors.callAs(OPERATOR, () -> branding.save(tenant.id(), 0, sample("Audited"), "first"));
        login(AUDITOR);
        navigate("tenants/" + tenant.slug() + "/branding");

        assertThat(_get(BrandPreview.class).getStyle().get("--brand-primary")).isEqualTo("#1A4D8F");
        assertThat(field("Display name").getValue()).isEqualTo("Audited");
        for (var label : List.of("Display name", "Primary colour", "Secondary colour", "Accent colour", "Support URL")) {
            assertThat(field(label).isReadOnly()).as(label).isTrue();
        }
        _assertNone(Button.class, s -> s.withText("Review and save…"));
        _assertNone(Upload.class);
        _assertNone(Select.class, s -> s.withLabel("Start from a preset"));
        assertThat(_find(Button.class)).extracting(Button::getText).noneMatch(t -> t.startsWith("Remove"));
        var history = openHistory();
        _assertNone(history, Button.class, s -> s.withText("Restore this version"));
        assertThat(_size(versions(history))).isEqualTo(1);
    }

    @Test
    void a_partner_admin_opening_another_tenants_branding_is_refused() {
        var other = Actors.callAs(OPERATOR, () -> tenants.register(new NewTenant(uniqueSlug("otherui"), "Other",
                "ops@other.example", null)).tenant());
        login(partnerAdmin(tenant.id(), tenant.slug()));
        assertRefused("tenants/" + other.slug() + "/branding");
    }

    @Test
    void a_failing_colour_offers_the_nearest_passing_shade_in_one_click() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");
        var primary = field("Primary colour");
        _setValue(primary, "#B8B800");
        var passing = io.concierge.branding.Contrast.nearestPassing("#B8B800");
        assertThat(io.concierge.branding.Contrast.passes(passing)).isTrue();
        var use = _get(primary.getSuffixComponent(), Button.class, b -> b.withText("Use " + passing));
        _click(use);
        assertThat(primary.getValue()).isEqualTo(passing);
        assertThat(primary.getHelperText()).contains("passes 4.5:1");
        assertThat(primary.getSuffixComponent()).as("no offer once it passes").isNull();
    }

    @Test
    void a_light_primary_colour_is_offered_dark_text_where_that_passes_and_keeps_it_through_the_save() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");
        var primary = field("Primary colour");
        _setValue(primary, "#B8B800");
        var shade = io.concierge.branding.Contrast.nearestPassing("#B8B800");
        assertThat(primary.getHelperText()).startsWith("White text: ").contains("below 4.5:1",
                "Nearest passing shade: " + shade, ", or dark text: ");
        var offers = primary.getSuffixComponent();
        _get(offers, Button.class, b -> b.withText("Use " + shade));
        _click(_get(offers, Button.class, b -> b.withText("Use dark text")));

        @SuppressWarnings("unchecked")
        RadioButtonGroup<TextTone> text = _get(RadioButtonGroup.class, s -> s.withLabel("Text on primary colour"));
        assertThat(text.getValue()).isEqualTo(TextTone.DARK);
        assertThat(primary.getValue()).as("the colour is kept").isEqualTo("#B8B800");
        assertThat(primary.getHelperText()).startsWith("Dark text: ").endsWith("(passes 4.5:1)");
        assertThat(primary.getSuffixComponent()).as("nothing left to fix").isNull();
        assertThat(_get(BrandPreview.class).getStyle().get("--brand-on-primary")).isEqualTo(TextTone.DARK.hex());

        _click(_get(Button.class, s -> s.withText("Review and save…")));
        var dialog = _get(ReviewChangesDialog.class);
        @SuppressWarnings("unchecked")
        Grid<FieldChange> changes = _get(dialog, Grid.class);
        assertThat(rows(changes)).contains(new FieldChange("Text on primary colour", "–", "Dark text"));
        _setValue(_get(dialog, TextArea.class), "Yellow brand, dark text");
        _click(_get(dialog, Button.class, s -> s.withText("Save")));
        assertThat(Actors.callAs(OPERATOR, () -> branding.current(tenant.id())).orElseThrow().primaryText())
                .isEqualTo(TextTone.DARK);
    }

    @Test
    void dark_text_on_a_dark_primary_colour_is_refused_with_the_way_out() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");
        var primary = field("Primary colour");
        _setValue(primary, "#1A4D8F");
        @SuppressWarnings("unchecked")
        RadioButtonGroup<TextTone> text = _get(RadioButtonGroup.class, s -> s.withLabel("Text on primary colour"));
        _setValue(text, TextTone.DARK);
        assertThat(primary.getHelperText()).startsWith("Dark text: ").contains("below 4.5:1", "White text passes");
        _get(primary.getSuffixComponent(), Button.class, b -> b.withText("Use light text"));

        _click(_get(Button.class, s -> s.withText("Review and save…")));
        assertThat(primary.isInvalid()).isTrue();
        assertThat(primary.getErrorMessage()).startsWith("Primary colour #1A4D8F gives dark text a contrast of ")
                .endsWith("Light text passes on it: choose light text.");
        _assertNone(ReviewChangesDialog.class);
    }

    @Test
    void a_refused_upload_says_why_and_can_be_replaced_at_once() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");
        var upload = _find(Upload.class).get(0);
        com.github.mvysny.kaributesting.v10.UploadKt._upload(upload, "logo.png", "image/png",
                "not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var problem = _find(com.vaadin.flow.component.html.Span.class, s -> s.withClasses("brand-image-problem")).get(0);
        assertThat(problem.getText()).isNotBlank();
        assertThat(_get(upload, Button.class).isEnabled()).isTrue();

        com.github.mvysny.kaributesting.v10.UploadKt._upload(upload, "logo.png", "image/png", BrandingTestData.png(64, 32));
        assertThat(problem.getText()).as("the next file replaces the refused one").isEmpty();
    }

    @Test
    void the_review_and_the_history_speak_in_labels_and_images_appear_as_thumbnails() {
        Actors.callAs(OPERATOR, () -> branding.save(tenant.id(), 0, sample("Labelled"), "first"));
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");
        _setValue(field("Primary colour"), "#0B5E3C");
        com.github.mvysny.kaributesting.v10.UploadKt._upload(_find(Upload.class).get(0), "logo.png", "image/png",
                BrandingTestData.png(64, 32));
        _click(_get(Button.class, s -> s.withText("Review and save…")));
        var dialog = _get(ReviewChangesDialog.class);
        @SuppressWarnings("unchecked")
        Grid<FieldChange> changes = _get(dialog, Grid.class);
        assertThat(rows(changes)).extracting(FieldChange::describe).contains("Primary colour #1A4D8F → #0B5E3C");
        var logo = rows(changes).stream().filter(c -> c.path().equals("Logo")).findFirst().orElseThrow();
        assertThat(logo.before()).isEqualTo("none");
        assertThat(logo.after()).startsWith("PNG, ").doesNotContain("base64");
        assertThat(logo.afterImage()).startsWith("data:image/png;base64,");
        assertThat(changes.getColumnByKey("images").isVisible()).isTrue();
        var thumbnails = com.github.mvysny.kaributesting.v10.GridKt._getCellComponent(changes,
                rows(changes).indexOf(logo), "images");
        assertThat(_find(thumbnails, com.vaadin.flow.component.html.Image.class)).as("a thumbnail of the new logo")
                .anyMatch(i -> i.getSrc().startsWith("data:image/png;base64,"));
        _setValue(_get(dialog, TextArea.class), "Greener, with a logo");
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        var history = openHistory();
        @SuppressWarnings("unchecked")
        Grid<FieldChange> compared = _get(_get(history, DiffList.class), Grid.class);
        assertThat(rows(compared)).extracting(FieldChange::describe).contains("Primary colour #1A4D8F → #0B5E3C");
    }

    private static HistoryDialog openHistory() {
        _click(_get(Button.class, s -> s.withText("History")));
        return _get(HistoryDialog.class);
    }

    @SuppressWarnings("unchecked")
    private static Grid<ConfigVersion> versions(HistoryDialog history) {
        return _find(history, Grid.class).get(0);
    }

    private static TextField field(String label) {
        return _get(TextField.class, s -> s.withLabel(label));
    }

    private static <T> List<T> rows(Grid<T> grid) {
        return IntStream.range(0, _size(grid)).mapToObj(i -> com.github.mvysny.kaributesting.v10.GridKt._get(grid, i))
                .toList();
    }

    private static List<String> notificationTexts() {
        return getNotifications().stream().map(Notification::getElement).map(e -> e.getProperty("text")).toList();
    }

    private static Branding sample(String name) {
        return new Branding(name, null, null, "#1A4D8F", "#C9A227", "#B5522B", FontFamily.INTER, CornerStyle.ROUNDED,
                ColorMode.LIGHT, null, null);
    }
}
