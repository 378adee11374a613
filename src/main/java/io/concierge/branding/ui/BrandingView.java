package io.concierge.branding.ui;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
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
import io.concierge.branding.ColorMode;
import io.concierge.branding.Contrast;
import io.concierge.branding.CornerStyle;
import io.concierge.branding.FontFamily;
import io.concierge.branding.ImageKind;
import io.concierge.branding.TextTone;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.ui.AreaEditor;
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
class BrandingView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle,
        AreaEditor.Form<Branding> {

    private final BrandingService service;
    private final AreaEditor<Branding> editor;
    final BrandPreview preview = new BrandPreview();
    final TextField displayName = new TextField("Display name");
    final TextField primary = new TextField("Primary colour");
    final TextField secondary = new TextField("Secondary colour");
    final TextField accent = new TextField("Accent colour");
    final Select<FontFamily> font = new Select<>();
    final RadioButtonGroup<CornerStyle> corners = new RadioButtonGroup<>("Corners");
    final RadioButtonGroup<ColorMode> mode = new RadioButtonGroup<>("Default appearance");
    final RadioButtonGroup<TextTone> primaryText = new RadioButtonGroup<>("Text on primary colour");
    final EmailField supportEmail = new EmailField("Support email");
    final TextField supportUrl = new TextField("Support URL");
    private final ImageSlot logo = new ImageSlot(ImageKind.LOGO);
    private final ImageSlot favicon = new ImageSlot(ImageKind.FAVICON);
    private final Map<String, HasValidation> fieldsByKey = new LinkedHashMap<>();
    private final FormLayout form = new FormLayout();
    private final HorizontalLayout presetBar = new HorizontalLayout();
    private final Select<BrandingPreset> presets = new Select<>();
    private Branding shown;
    private boolean loading;

    BrandingView(BrandingService service, ConfigurationAreas areas) {
        this.service = service;
        this.editor = new AreaEditor<>(areas, service.area(), "Branding", this);
        setWidthFull();
        font.setLabel("Font");
        font.setItems(FontFamily.values());
        font.setItemLabelGenerator(FontFamily::label);
        corners.setItems(CornerStyle.values());
        corners.setItemLabelGenerator(CornerStyle::label);
        mode.setItems(ColorMode.values());
        mode.setItemLabelGenerator(ColorMode::label);
        primaryText.setItems(TextTone.values());
        primaryText.setItemLabelGenerator(TextTone::label);
        primaryText.setHelperText("Dark text suits light brand colours, on which white text cannot pass 4.5:1.");
        displayName.setMaxLength(60);
        supportUrl.setPlaceholder("https://help.example.com");
        for (var colour : new TextField[] {primary, secondary, accent}) {
            colour.setPlaceholder("#1A4D8F");
            colour.setValueChangeMode(ValueChangeMode.LAZY);
        }
        displayName.setValueChangeMode(ValueChangeMode.LAZY);
        fieldsByKey.put("displayName", displayName);
        fieldsByKey.put("primaryColor", primary);
        fieldsByKey.put("primaryText", primaryText);
        fieldsByKey.put("secondaryColor", secondary);
        fieldsByKey.put("accentColor", accent);
        fieldsByKey.put("supportEmail", supportEmail);
        fieldsByKey.put("supportUrl", supportUrl);
        fieldsByKey.put("logo", logo);
        fieldsByKey.put("favicon", favicon);
        fieldsByKey.put("fontFamily", font);
        fieldsByKey.put("cornerStyle", corners);
        fieldsByKey.put("defaultMode", mode);
        for (var required : new HasValue<?, ?>[] {displayName, primary, secondary, accent, font, corners, mode}) {
            required.setRequiredIndicatorVisible(true);
        }

        // primary and accent share a row because both carry a contrast line under them
        form.add(displayName, primary, accent, primaryText, secondary, font, corners, mode, supportEmail, supportUrl,
                logo, favicon);
        form.setColspan(displayName, 2);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2));
        var formColumn = new VerticalLayout(presetBar, form);
        formColumn.setPadding(false);
        formColumn.setWidth("min(640px, 100%)");
        var previewColumn = new Div(preview);
        previewColumn.addClassName("brand-preview-column");
        var columns = new HorizontalLayout(formColumn, previewColumn);
        columns.setWidthFull();
        columns.setWrap(true);
        columns.setAlignItems(FlexComponent.Alignment.START);
        editor.body().add(columns);
        add(editor);

        for (var field : new AbstractField<?, ?>[] {displayName, primary, secondary, accent, font, corners, mode,
                supportEmail, supportUrl, primaryText}) {
            field.addValueChangeListener(e -> refreshPreview());
        }
        presets.setLabel("Start from a preset");
        presets.setItems(service.presets());
        presets.setItemLabelGenerator(BrandingPreset::label);
        presets.setPlaceholder("Choose a preset");
        presets.addValueChangeListener(e -> {
            if (e.getValue() != null && !loading) {
                fill(service.applyPreset(value(), e.getValue().key()));
                Notifications.success("Preset " + e.getValue().label() + " applied; your name and contacts "
                        + "are kept. Review and save to keep it.");
            }
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        editor.open(event);
    }

    @Override
    public String getPageTitle() {
        return editor.pageTitle();
    }

    @Override
    public void show(Branding content) {
        fill(content);
    }

    @Override
    public Branding value() {
        return new Branding(displayName.getValue(), logo.image, favicon.image, primary.getValue(),
                secondary.getValue(), accent.getValue(), font.getValue(), corners.getValue(), mode.getValue(),
                supportEmail.getValue(), supportUrl.getValue(), primaryText.getValue());
    }

    /** Editing controls exist only for users who may edit; for others the form is read-only. */
    @Override
    public void setEditable(boolean editable) {
        presetBar.removeAll();
        for (var field : new AbstractField<?, ?>[] {displayName, primary, secondary, accent, font, corners, mode,
                supportEmail, supportUrl, primaryText}) {
            field.setReadOnly(!editable);
        }
        logo.setEditable(editable);
        favicon.setEditable(editable);
        if (editable) {
            presetBar.add(presets);
        }
    }

    @Override
    public Map<String, HasValidation> fields() {
        return fieldsByKey;
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
            primaryText.setValue(branding.primaryTextTone());
            supportEmail.setValue(nullToEmpty(branding.supportEmail()));
            supportUrl.setValue(nullToEmpty(branding.supportUrl()));
            logo.set(branding.logo());
            favicon.set(branding.favicon());
            presets.clear();
        } finally {
            loading = false;
        }
        shown = branding;
        refreshPreview();
    }

    /**
     * Updates the preview from the form. A colour that is not (yet) valid keeps the last valid one in the preview
     * and shows why on its field; primary and accent also show the contrast of their text as you type.
     */
    private void refreshPreview() {
        if (loading) {
            return;
        }
        var d = value();
        shown = new Branding(d.displayName().isBlank() ? shown.displayName() : d.displayName(), d.logo(), d.favicon(),
                colour(primary, "primaryColor", "Primary colour", shown.primaryColor(), d.primaryTextTone()),
                colour(secondary, "secondaryColor", "Secondary colour", shown.secondaryColor(), null),
                colour(accent, "accentColor", "Accent colour", shown.accentColor(), TextTone.LIGHT),
                d.fontFamily() == null ? shown.fontFamily() : d.fontFamily(),
                d.cornerStyle() == null ? shown.cornerStyle() : d.cornerStyle(),
                d.defaultMode() == null ? shown.defaultMode() : d.defaultMode(), d.supportEmail(), d.supportUrl(),
                d.primaryText());
        preview.show(shown);
        editor.edited();
    }

    /**
     * Checks a colour as typed; for one that carries text ({@code text}: its tone, null for none) shows the
     * contrast and, when it fails, one-click fixes: the nearest shade on which white passes and, on the primary
     * colour, the other text tone where that passes.
     */
    private String colour(TextField field, String key, String label, String fallback, TextTone text) {
        try {
            var hex = service.checkColor(key, label, field.getValue());
            field.setInvalid(false);
            if (text != null) {
                contrast(field, hex, text, field == primary);
            }
            return hex;
        } catch (InvalidValueException e) {
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
            return fallback;
        }
    }

    private void contrast(TextField field, String hex, TextTone text, boolean toneChoice) {
        var ratio = Contrast.with(text, hex);
        var name = text == TextTone.LIGHT ? "White text" : "Dark text";
        var offers = new Span();
        offers.addClassName("brand-contrast-offers");
        if (ratio >= Contrast.MINIMUM) {
            field.setHelperText(name + ": " + Contrast.format(ratio) + " (passes 4.5:1)");
        } else {
            var other = text == TextTone.LIGHT ? TextTone.DARK : TextTone.LIGHT;
            var otherPasses = toneChoice && Contrast.passes(other, hex);
            var help = new StringBuilder(name + ": " + Contrast.format(ratio) + ", below 4.5:1.");
            if (text == TextTone.LIGHT || !otherPasses) {
                var shade = Contrast.nearestPassing(hex);
                help.append(" Nearest passing shade").append(text == TextTone.LIGHT ? "" : " for white text")
                        .append(": ").append(shade);
                offers.add(offer("Use " + shade, "Nearest shade of this colour on which white text passes 4.5:1",
                        () -> {
                            primaryTextIfChoice(toneChoice, TextTone.LIGHT);
                            field.setValue(shade);
                        }));
            }
            if (otherPasses) {
                help.append(text == TextTone.LIGHT ? ", or dark text: " : " White text passes: ")
                        .append(Contrast.format(Contrast.with(other, hex)));
                offers.add(offer(other == TextTone.DARK ? "Use dark text" : "Use light text",
                        (other == TextTone.DARK ? "Dark" : "White") + " text passes 4.5:1 on this colour as it is",
                        () -> primaryText.setValue(other)));
            }
            field.setHelperText(help.toString());
        }
        field.setSuffixComponent(offers.getChildren().findAny().isEmpty() || field.isReadOnly() ? null : offers);
    }

    private void primaryTextIfChoice(boolean toneChoice, TextTone tone) {
        if (toneChoice) {
            primaryText.setValue(tone);
        }
    }

    /** A button inside the field that fixes a failing contrast in one click. */
    private static Button offer(String text, String tooltip, Runnable fix) {
        var use = new Button(text, e -> fix.run());
        use.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE);
        use.setTooltipText(tooltip);
        return use;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** One image of the brand: thumbnail, upload (checked by the service as it arrives) and remove. */
    private final class ImageSlot extends VerticalLayout implements HasValidation {

        private final ImageKind kind;
        private final Image thumbnail = new Image();
        private final Span info = new Span();
        private final Span problem = new Span();
        private final HorizontalLayout controls = new HorizontalLayout();
        private BrandImage image;
        private Upload upload;

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
            upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> ui.access(() -> received(bytes))));
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

        /**
         * Checks the file as it arrives. Either way the upload's own file list is emptied: the thumbnail shows an
         * accepted image, and a refused one must neither carry a green tick nor leave the button disabled (the
         * upload takes one file), so the next file can be chosen at once.
         */
        private void received(byte[] bytes) {
            upload.clearFileList();
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

        @Override
        public void setErrorMessage(String errorMessage) {
            problem.setText(errorMessage == null ? "" : errorMessage);
        }

        @Override
        public String getErrorMessage() {
            return problem.getText();
        }

        @Override
        public void setInvalid(boolean invalid) {
            if (!invalid) {
                problem.setText("");
            }
        }

        @Override
        public boolean isInvalid() {
            return !problem.getText().isEmpty();
        }
    }
}
