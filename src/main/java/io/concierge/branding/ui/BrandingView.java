package io.concierge.branding.ui;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import io.concierge.branding.BrandImage;
import io.concierge.branding.Branding;
import io.concierge.branding.BrandingPreset;
import io.concierge.branding.BrandingService;
import io.concierge.branding.BrandingSnapshot;
import io.concierge.branding.ColorMode;
import io.concierge.branding.Contrast;
import io.concierge.branding.CornerStyle;
import io.concierge.branding.FontFamily;
import io.concierge.branding.ImageKind;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.ui.HistoryDialog;
import io.concierge.configuration.ui.ReviewChangesDialog;
import io.concierge.configuration.ui.TenantRoute;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.Notifications;
import jakarta.annotation.security.PermitAll;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tenant's branding: the form beside a live preview of the investor app, save through a review of the changes
 * with a required comment, and the version history with restore. Auditors see the same page without any control
 * that changes something; a partner admin opening another tenant's page is refused.
 */
@Route("tenants/:slug/branding")
@PermitAll
class BrandingView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final BrandingService service;
    private final ConfigurationStore store;
    private final H2 title = new H2("Branding");
    private final Paragraph status = new Paragraph();
    final BrandPreview preview = new BrandPreview();
    final TextField displayName = new TextField("Display name");
    final TextField primary = new TextField("Primary colour");
    final TextField secondary = new TextField("Secondary colour");
    final TextField accent = new TextField("Accent colour");
    final Select<FontFamily> font = new Select<>();
    final RadioButtonGroup<CornerStyle> corners = new RadioButtonGroup<>("Corners");
    final RadioButtonGroup<ColorMode> mode = new RadioButtonGroup<>("Default appearance");
    final EmailField supportEmail = new EmailField("Support email");
    final TextField supportUrl = new TextField("Support URL");
    private final ImageSlot logo = new ImageSlot(ImageKind.LOGO);
    private final ImageSlot favicon = new ImageSlot(ImageKind.FAVICON);
    private final Map<String, HasValidation> fieldsByKey = new LinkedHashMap<>();
    private final FormLayout form = new FormLayout();
    private final HorizontalLayout presetBar = new HorizontalLayout();
    private final HorizontalLayout actions = new HorizontalLayout();
    private BrandingSnapshot snapshot;
    private Branding shown;
    private boolean loading;

    BrandingView(BrandingService service, ConfigurationStore store) {
        this.service = service;
        this.store = store;
        setWidthFull();
        font.setLabel("Font");
        font.setItems(FontFamily.values());
        font.setItemLabelGenerator(FontFamily::label);
        corners.setItems(CornerStyle.values());
        corners.setItemLabelGenerator(CornerStyle::label);
        mode.setItems(ColorMode.values());
        mode.setItemLabelGenerator(ColorMode::label);
        displayName.setMaxLength(60);
        supportUrl.setPlaceholder("https://help.example.com");
        for (var colour : new TextField[] {primary, secondary, accent}) {
            colour.setPlaceholder("#1A4D8F");
            colour.setValueChangeMode(ValueChangeMode.LAZY);
        }
        displayName.setValueChangeMode(ValueChangeMode.LAZY);
        fieldsByKey.put("displayName", displayName);
        fieldsByKey.put("primaryColor", primary);
        fieldsByKey.put("secondaryColor", secondary);
        fieldsByKey.put("accentColor", accent);
        fieldsByKey.put("supportEmail", supportEmail);
        fieldsByKey.put("supportUrl", supportUrl);

        // primary and accent share a row because both carry a contrast line under them
        form.add(displayName, primary, accent, secondary, font, corners, mode, supportEmail, supportUrl, logo, favicon);
        form.setColspan(displayName, 2);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2));
        var formColumn = new VerticalLayout(presetBar, form, actions);
        formColumn.setPadding(false);
        formColumn.setWidth("min(640px, 100%)");
        var previewColumn = new Div(preview);
        previewColumn.addClassName("brand-preview-column");
        var columns = new HorizontalLayout(formColumn, previewColumn);
        columns.setWidthFull();
        columns.setWrap(true);
        columns.setAlignItems(FlexComponent.Alignment.START);
        add(title, status, columns);

        for (var field : new AbstractField<?, ?>[] {displayName, primary, secondary, accent, font, corners, mode}) {
            field.addValueChangeListener(e -> refreshPreview());
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        TenantRoute.open(event, service::open).ifPresent(found -> {
            snapshot = found;
            buildControls();
            load(found);
        });
    }

    @Override
    public String getPageTitle() {
        return "Branding" + (snapshot == null ? "" : " · " + snapshot.tenantName()) + " · Concierge";
    }

    /** Editing controls exist only for users who may edit; for others the form is read-only. */
    private void buildControls() {
        var editable = snapshot.editable();
        actions.removeAll();
        presetBar.removeAll();
        for (var field : new AbstractField<?, ?>[] {displayName, primary, secondary, accent, font, corners, mode,
                supportEmail, supportUrl}) {
            field.setReadOnly(!editable);
        }
        logo.setEditable(editable);
        favicon.setEditable(editable);
        if (editable) {
            var presets = new Select<BrandingPreset>();
            presets.setLabel("Start from a preset");
            presets.setItems(service.presets());
            presets.setItemLabelGenerator(BrandingPreset::label);
            presets.setPlaceholder("Choose a preset");
            presets.addValueChangeListener(e -> {
                if (e.getValue() != null) {
                    fill(service.applyPreset(draft(), e.getValue().key()));
                    Notifications.success("Preset " + e.getValue().label() + " applied; your name and contacts "
                            + "are kept. Review and save to keep it.");
                }
            });
            var save = new Button("Review and save…", e -> review());
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            presetBar.add(presets);
            actions.add(save);
        }
        actions.add(new Button("History", e -> openHistory()));
    }

    private void load(BrandingSnapshot loaded) {
        snapshot = loaded;
        title.setText("Branding · " + loaded.tenantName());
        status.setText(loaded.saved() ? "Version " + loaded.version() + "."
                : "No branding saved yet: the form shows a starting point that is stored only when you save it.");
        fill(loaded.branding());
    }

    private void fill(Branding branding) {
        loading = true;
        try {
            displayName.setValue(nullToEmpty(branding.displayName()));
            primary.setValue(nullToEmpty(branding.primaryColor()));
            secondary.setValue(nullToEmpty(branding.secondaryColor()));
            accent.setValue(nullToEmpty(branding.accentColor()));
            font.setValue(branding.fontFamily());
            corners.setValue(branding.cornerStyle());
            mode.setValue(branding.defaultMode());
            supportEmail.setValue(nullToEmpty(branding.supportEmail()));
            supportUrl.setValue(nullToEmpty(branding.supportUrl()));
            logo.set(branding.logo());
            favicon.set(branding.favicon());
            fieldsByKey.values().forEach(f -> f.setInvalid(false));
        } finally {
            loading = false;
        }
        shown = branding;
        refreshPreview();
    }

    /** What the form holds now, as typed; the service validates it. */
    private Branding draft() {
        return new Branding(displayName.getValue(), logo.image, favicon.image, primary.getValue(),
                secondary.getValue(), accent.getValue(), font.getValue(), corners.getValue(), mode.getValue(),
                supportEmail.getValue(), supportUrl.getValue());
    }

    /**
     * Updates the preview from the form. A colour that is not (yet) valid keeps the last valid one in the preview
     * and shows why on its field; primary and accent also show their contrast with white text as you type.
     */
    private void refreshPreview() {
        if (loading) {
            return;
        }
        var d = draft();
        shown = new Branding(d.displayName().isBlank() ? shown.displayName() : d.displayName(), d.logo(), d.favicon(),
                colour(primary, "primaryColor", "Primary colour", shown.primaryColor(), true),
                colour(secondary, "secondaryColor", "Secondary colour", shown.secondaryColor(), false),
                colour(accent, "accentColor", "Accent colour", shown.accentColor(), true),
                d.fontFamily() == null ? shown.fontFamily() : d.fontFamily(),
                d.cornerStyle() == null ? shown.cornerStyle() : d.cornerStyle(),
                d.defaultMode() == null ? shown.defaultMode() : d.defaultMode(), d.supportEmail(), d.supportUrl());
        preview.show(shown);
    }

    private String colour(TextField field, String key, String label, String fallback, boolean carriesText) {
        try {
            var hex = service.checkColor(key, label, field.getValue());
            field.setInvalid(false);
            if (carriesText) {
                var ratio = Contrast.withWhiteText(hex);
                field.setHelperText(ratio >= Contrast.MINIMUM
                        ? "White text: " + Contrast.format(ratio) + " (passes 4.5:1)"
                        : "White text: " + Contrast.format(ratio) + ", below 4.5:1. Nearest passing shade: "
                        + Contrast.nearestPassing(hex));
            }
            return hex;
        } catch (InvalidValueException e) {
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
            return fallback;
        }
    }

    private void review() {
        Branding valid;
        try {
            valid = service.validate(draft());
        } catch (InvalidValueException e) {
            showError(e);
            return;
        }
        var before = snapshot.saved() ? service.current(snapshot.tenant()).orElse(null) : null;
        var expected = snapshot.version();
        ReviewChangesDialog.review(ConfigArea.BRANDING, expected, service.changes(before, valid),
                comment -> service.save(snapshot.tenant(), snapshot.slug(), expected, valid, comment), this::reload);
    }

    /** The versions, compared field by field; a restore is re-checked by the service against today's rules. */
    private void openHistory() {
        new HistoryDialog(store, snapshot.tenant(), ConfigArea.BRANDING, snapshot.editable(),
                (version, expected, comment) -> service.restore(snapshot.tenant(), snapshot.slug(), version, expected,
                        comment),
                service::changes, this::reload).open();
    }

    private void reload() {
        service.open(snapshot.slug().value()).ifPresent(this::load);
    }

    private void showError(InvalidValueException e) {
        var field = e.field() == null ? null : fieldsByKey.get(e.field());
        if (field != null) {
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
        } else if (ImageKind.LOGO.field().equals(e.field())) {
            logo.error(e.getMessage());
        } else if (ImageKind.FAVICON.field().equals(e.field())) {
            favicon.error(e.getMessage());
        }
        Notifications.error(e.getMessage());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** One image of the brand: thumbnail, upload (checked by the service as it arrives) and remove. */
    private final class ImageSlot extends VerticalLayout {

        private final ImageKind kind;
        private final Image thumbnail = new Image();
        private final Span info = new Span();
        private final Span problem = new Span();
        private final HorizontalLayout controls = new HorizontalLayout();
        private BrandImage image;

        ImageSlot(ImageKind kind) {
            this.kind = kind;
            setPadding(false);
            setSpacing(false);
            thumbnail.setHeight("40px");
            thumbnail.addClassName("brand-image-thumbnail");
            info.addClassName("concierge-user");
            problem.addClassName("brand-image-problem");
            add(new Span(kind.label()), thumbnail, info, controls, problem);
        }

        void setEditable(boolean editable) {
            controls.removeAll();
            if (!editable) {
                return;
            }
            var ui = UI.getCurrent();
            var upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> ui.access(() -> received(bytes))));
            upload.setMaxFiles(1);
            upload.setAcceptedFileTypes("image/png", "image/jpeg", "image/svg+xml", ".png", ".jpg", ".jpeg", ".svg");
            upload.setUploadButton(new Button("Upload " + kind.label().toLowerCase()));
            upload.setDropAllowed(false);
            var remove = new Button("Remove " + kind.label().toLowerCase(), e -> {
                set(null);
                refreshPreview();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            controls.add(upload, remove);
        }

        private void received(byte[] bytes) {
            try {
                set(service.inspectImage(kind, bytes));
                refreshPreview();
            } catch (InvalidValueException e) {
                error(e.getMessage());
            }
        }

        void set(BrandImage value) {
            image = value;
            problem.setText("");
            thumbnail.setVisible(value != null);
            if (value != null) {
                thumbnail.setSrc(value.dataUrl());
                thumbnail.setAlt(kind.label());
                info.setText(value.mediaType() + ", " + value.bytes().length + " bytes; at most "
                        + kind.maxBytes() / 1024 + " KB" + (value.mediaType().equals("image/svg+xml") ? ""
                        : " and " + kind.maxPixels() + "x" + kind.maxPixels() + " px"));
            } else {
                info.setText("None. PNG, JPEG or SVG up to " + kind.maxBytes() / 1024 + " KB.");
            }
        }

        void error(String message) {
            problem.setText(message);
        }
    }
}
