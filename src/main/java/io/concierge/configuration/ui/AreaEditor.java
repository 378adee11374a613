package io.concierge.configuration.ui;

import com.vaadin.flow.component.BlurNotifier;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import io.concierge.configuration.AreaDefinition;
import io.concierge.configuration.AreaSnapshot;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.Editability;
import io.concierge.shared.InvalidValueException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The frame every configuration editor sits in: title and version line, a banner saying why the area is
 * read-only, review before save, history with restore, reload, field errors by key with a summary at the top,
 * and a question before unsaved edits are lost (in-app navigation, reload or closing the tab). A view holds
 * only its form; everything it reads and saves goes through {@link ConfigurationAreas}.
 */
public class AreaEditor<T> extends VerticalLayout implements BeforeLeaveObserver {

    /** What a view gives the frame: its form. */
    public interface Form<T> {

        /** Fills the form with the content, without counting that as an edit. */
        void show(T content);

        /** What the form holds now, as typed; the area's definition validates it. */
        T value();

        /** Editing controls exist only when editable; otherwise the form is read-only. */
        void setEditable(boolean editable);

        /** The form's fields by the keys the area's validation names, in form order. */
        Map<String, ? extends HasValidation> fields();

        /** Fields whose input cannot be read as a value at all (a number the bounded parser refused), by key. */
        default Map<String, String> unreadable() {
            return Map.of();
        }
    }

    /** Sets and clears the browser's "leave site?" question while there are unsaved edits (no npm: plain JS). */
    private static final String GUARD = "window.__conciergeUnsaved = $0;"
            + "if (!window.__conciergeGuard) { window.__conciergeGuard = true;"
            + " window.addEventListener('beforeunload', e => { if (window.__conciergeUnsaved) {"
            + " e.preventDefault(); e.returnValue = ''; } }); }";

    /** Key prefix of messages that concern the whole input rather than one field. */
    private static final String WHOLE_INPUT = "\u0000";
    /** At most this many problems are listed in the summary (a hostile input can have thousands). */
    private static final int SUMMARY_LINES = 20;

    private final ConfigurationAreas areas;
    private final AreaDefinition<T> area;
    private final String title;
    private final Form<T> form;
    private final H2 heading = new H2();
    private final Paragraph versionLine = new Paragraph();
    private final Div banner = new Div();
    private final Div summary = new Div();
    private final Div body = new Div();
    private final HorizontalLayout actions = new HorizontalLayout();
    private final List<Component> extraActions = new ArrayList<>();
    private final Button review = new Button("Review and save…");
    private final Span unsaved = new Span();
    private final Map<String, String> frameErrors = new LinkedHashMap<>();
    private final Set<String> blurChecked = new HashSet<>();
    private AreaSnapshot<T> snapshot;
    private T loaded;
    private boolean edited;
    private boolean guardSent;
    private boolean leaving;

    public AreaEditor(ConfigurationAreas areas, AreaDefinition<T> area, String title, Form<T> form) {
        this.areas = areas;
        this.area = area;
        this.title = title;
        this.form = form;
        setPadding(false);
        setWidthFull();
        versionLine.addClassName("concierge-user");
        banner.addClassName("concierge-readonly-banner");
        banner.getElement().setAttribute("role", "status");
        banner.getStyle().set("background", "var(--lumo-contrast-5pct)").set("border-left",
                "4px solid var(--lumo-primary-color)").set("padding", "var(--lumo-space-s) var(--lumo-space-m)");
        summary.addClassName("concierge-error-summary");
        summary.getElement().setAttribute("role", "alert");
        summary.getStyle().set("color", "var(--lumo-error-text-color)").set("border-left",
                "4px solid var(--lumo-error-color)").set("padding", "0 var(--lumo-space-m)");
        summary.setVisible(false);
        body.setWidthFull();
        review.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        review.addClickListener(e -> review());
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        actions.setWrap(true);
        add(heading, versionLine, banner, summary, body, actions);
        addDetachListener(e -> {
            if (guardSent) {
                e.getUI().getPage().executeJs(GUARD, false);
                guardSent = false;
            }
        });
    }

    /** Where the view puts its form. */
    public Div body() {
        return body;
    }

    /** An action of the area's own (a preset, "reset to defaults"); shown only while the area is editable. */
    public void addEditAction(Component action) {
        extraActions.add(action);
    }

    /**
     * Opens the tenant the route names, at the current version, or read-only at {@code ?version=N} or
     * {@code ?at=2026-11-01T10:00:00Z}. Unknown tenants and refusals reroute to the error views.
     */
    public Optional<AreaSnapshot<T>> open(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters();
        var version = params.getSingleParameter("version");
        var at = params.getSingleParameter("at");
        var opened = TenantRoute.open(event, slug -> {
            if (version.isPresent()) {
                return parseVersion(version.get()).flatMap(v -> areas.openVersion(area, slug, v));
            }
            if (at.isPresent()) {
                return parseInstant(at.get()).flatMap(i -> areas.openAsOf(area, slug, i));
            }
            return areas.open(area, slug);
        });
        opened.ifPresent(this::load);
        return opened;
    }

    public AreaSnapshot<T> snapshot() {
        return snapshot;
    }

    public boolean editable() {
        return snapshot != null && snapshot.editability().editable();
    }

    /** True while the form holds edits that are not saved. */
    public boolean hasUnsavedChanges() {
        return edited;
    }

    /** Whether the browser has been told to ask before a reload or close (there are unsaved edits). */
    public boolean leaveGuardArmed() {
        return guardSent;
    }

    /** The page title of the editor: "Branding · Acme · Concierge". */
    public String pageTitle() {
        return title + (snapshot == null ? "" : " · " + snapshot.tenant().displayName()) + " · Concierge";
    }

    /** Views call this whenever the form changes, so unsaved edits are counted, shown and guarded. */
    public void edited() {
        if (snapshot == null) {
            return;
        }
        var value = form.value();
        edited = !area.changes(loaded, value).isEmpty();
        unsaved.setText(edited ? "Unsaved changes" : "");
        review.setEnabled(!area.changes(savedContent(), value).isEmpty() || !form.unreadable().isEmpty());
        if (edited != guardSent) {
            guardSent = edited;
            getElement().executeJs(GUARD, edited);
        }
    }

    /** Reads the current version again, dropping unsaved edits. */
    public void reload() {
        areas.open(area, snapshot.tenant().slug().value()).ifPresent(this::load);
    }

    /** Shows a refusal on every field it names (and in the summary), and scrolls to the first of them. */
    public void showRefusal(InvalidValueException refusal) {
        var errors = new LinkedHashMap<String, String>();
        add(errors, refusal);
        showErrors(errors);
    }

    /** Each field keeps its first message; messages about the whole input are kept apart. */
    private static void add(Map<String, String> errors, InvalidValueException refusal) {
        for (var error : refusal.errors()) {
            errors.putIfAbsent(error.field() == null ? WHOLE_INPUT + errors.size() : error.field(), error.message());
        }
    }

    private void load(AreaSnapshot<T> opened) {
        snapshot = opened;
        loaded = opened.content();
        heading.setText(title + " · " + opened.tenant().displayName());
        versionLine.setText(opened.saved() ? "Version " + opened.versionNumber() + " · "
                + Versions.describe(opened.version()) + " · \"" + opened.version().comment() + "\" "
                + Versions.origin(opened.version())
                : "No " + area.area().label().toLowerCase() + " saved yet: the form shows a starting point that is "
                + "stored only when you save it.");
        var editability = opened.editability();
        banner.removeAll();
        banner.setVisible(!editability.editable());
        if (!editability.editable()) {
            banner.add(new Span(editability.message()));
            if (editability.reason() == Editability.Reason.HISTORICAL) {
                banner.add(new Span(" "), new Anchor("tenants/" + opened.tenant().slug().value() + "/"
                        + area.area().key(), "Open the current version"));
            }
        }
        clearErrors();
        form.setEditable(editability.editable());
        form.show(opened.content());
        buildActions(editability.editable());
        if (editability.editable()) {
            checkOnBlur();
        }
        edited = false;
        edited();
    }

    private void buildActions(boolean editable) {
        actions.removeAll();
        if (editable) {
            actions.add(review);
            extraActions.forEach(actions::add);
            actions.add(unsaved);
        }
        actions.add(new Button("Reload", e -> confirmDiscard(this::reload)));
        actions.add(new Button("History", e -> openHistory()));
    }

    private void openHistory() {
        new HistoryDialog(areas, area, snapshot.tenant().id(), editable(), this::reload).open();
    }

    private T savedContent() {
        return snapshot.saved() ? loaded : null;
    }

    private void review() {
        clearErrors();
        var missing = missingRequired();
        form.unreadable().forEach(missing::putIfAbsent);
        var value = form.value();
        T valid = null;
        try {
            valid = area.validate(value);
        } catch (InvalidValueException refusal) {
            add(missing, refusal); // everything at once: what is missing or unreadable first, then the rest
        }
        if (!missing.isEmpty()) {
            showErrors(missing);
            return;
        }
        var expected = snapshot.versionNumber();
        var tenant = snapshot.tenant().id();
        ReviewChangesDialog.review(area.area(), expected, area.changes(savedContent(), valid),
                comment -> areas.submit(area, tenant, expected, value, comment), this::reload, this::showRefusal);
    }

    /** Every required field that is empty, all at once, before anything is sent. */
    private Map<String, String> missingRequired() {
        var missing = new LinkedHashMap<String, String>();
        form.fields().forEach((key, field) -> {
            if (field instanceof HasValue<?, ?> value && value.isRequiredIndicatorVisible() && value.isEmpty()
                    && shown((Component) field)) {
                missing.put(key, area.label(key) + " is required.");
            }
        });
        return missing;
    }

    /** A field is checked when the user leaves it, against the area's own validation. */
    private void checkOnBlur() {
        form.fields().forEach((key, field) -> {
            if (field instanceof BlurNotifier<?> blur && blurChecked.add(key)) {
                blur.addBlurListener(e -> checkField(key, field));
            }
        });
    }

    private void checkField(String key, HasValidation field) {
        if (field instanceof HasValue<?, ?> value && value.isRequiredIndicatorVisible() && value.isEmpty()) {
            mark(key, field, area.label(key) + " is required.");
            return;
        }
        try {
            area.validate(form.value());
            unmark(key, field);
        } catch (InvalidValueException refusal) {
            refusal.errors().stream().filter(e -> key.equals(e.field())).findFirst().ifPresentOrElse(
                    e -> mark(key, field, e.message()), () -> unmark(key, field));
        }
    }

    private void mark(String key, HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
        frameErrors.put(key, message);
    }

    private void unmark(String key, HasValidation field) {
        if (frameErrors.remove(key) != null) {
            field.setInvalid(false);
        }
        if (frameErrors.isEmpty()) {
            summary.setVisible(false);
        }
    }

    private void showErrors(Map<String, String> errors) {
        HasValidation first = null;
        var list = new UnorderedList();
        for (var error : errors.entrySet()) {
            var key = error.getKey().startsWith(WHOLE_INPUT) ? null : error.getKey();
            var field = key == null ? null : form.fields().get(key);
            if (field != null) {
                mark(key, field, error.getValue());
                first = first == null ? field : first;
            }
            if (list.getChildren().count() < SUMMARY_LINES) {
                list.add(new ListItem(key == null || field == null ? error.getValue()
                        : area.label(key) + ": " + error.getValue()));
            }
        }
        if (errors.size() > SUMMARY_LINES) {
            list.add(new ListItem("… and " + (errors.size() - SUMMARY_LINES) + " more."));
        }
        summary.removeAll();
        summary.add(new Paragraph(errors.size() == 1 ? "This cannot be saved yet:"
                : "This cannot be saved yet; " + errors.size() + " fields need attention:"), list);
        summary.setVisible(true);
        var target = first == null ? summary : (Component) first;
        target.getElement().executeJs("this.scrollIntoView({block: 'center', behavior: 'smooth'});"
                + " if (this.focus) { this.focus(); }");
    }

    /** The summary's text lines, as a user reads them. */
    public List<String> errorSummary() {
        if (!summary.isVisible()) {
            return List.of();
        }
        return summary.getChildren().filter(UnorderedList.class::isInstance)
                .flatMap(Component::getChildren).map(c -> c.getElement().getText()).toList();
    }

    private void clearErrors() {
        form.fields().values().forEach(f -> f.setInvalid(false));
        frameErrors.clear();
        summary.removeAll();
        summary.setVisible(false);
    }

    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        if (!edited || leaving) {
            return;
        }
        var action = event.postpone();
        confirmDiscard(() -> {
            leaving = true;
            action.proceed();
        });
    }

    /** Runs {@code discard} at once when nothing is unsaved; otherwise asks first. */
    private void confirmDiscard(Runnable discard) {
        if (!edited) {
            discard.run();
            return;
        }
        var dialog = new Dialog();
        dialog.setHeaderTitle("Discard unsaved changes?");
        dialog.add(new Paragraph("Your changes to the " + area.area().label().toLowerCase() + " of "
                + snapshot.tenant().displayName() + " are not saved. If you continue, they are lost."));
        var stay = new Button("Keep editing", e -> dialog.close());
        stay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var discardButton = new Button("Discard changes", e -> {
            dialog.close();
            discard.run();
        });
        discardButton.addThemeVariants(ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(discardButton, stay);
        dialog.open();
    }

    private static boolean shown(Component component) {
        for (Component c = component; c != null; c = c.getParent().orElse(null)) {
            if (!c.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Long> parseVersion(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
