package io.concierge.rules.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.Setter;
import com.vaadin.flow.data.converter.Converter;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.ui.HistoryDialog;
import io.concierge.configuration.ui.ReviewChangesDialog;
import io.concierge.configuration.ui.TenantRoute;
import io.concierge.rules.AssetClass;
import io.concierge.rules.Currency;
import io.concierge.rules.FundCategory;
import io.concierge.rules.InvestmentRules;
import io.concierge.rules.KycLevel;
import io.concierge.rules.LotMatching;
import io.concierge.rules.RulesService;
import io.concierge.rules.RulesSnapshot;
import io.concierge.shared.BoundedNumber;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.NumberInput;
import io.concierge.shared.ui.Notifications;
import jakarta.annotation.security.PermitAll;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A tenant's investment rules: typed inputs grouped by topic, inputs of asset classes that are not offered hidden,
 * save through a review of the changes with a required comment, and the version history with restore. Auditors
 * get the same page read-only without any control that changes something.
 */
@Route("tenants/:slug/rules")
@PermitAll
class RulesView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final RulesService service;
    private final ConfigurationStore store;
    private final RulesFormMapper mapper;
    private final H2 title = new H2("Investment rules");
    private final Paragraph status = new Paragraph();
    private final Binder<RulesForm> binder = new Binder<>();
    private final Map<String, HasValidation> fieldsByKey = new HashMap<>();
    private final Map<AssetClass, FormLayout> classSections = new EnumMap<>(AssetClass.class);
    private final CheckboxGroup<AssetClass> assetClasses = new CheckboxGroup<>("Asset classes offered");
    private final TextField dailyUsd = NumberInput.field("Daily amount limit (USD)");
    private final TextField dailyInr = NumberInput.field("Daily amount limit (INR)");
    private final VerticalLayout fundSection = new VerticalLayout();
    private final HorizontalLayout actions = new HorizontalLayout();
    private RulesSnapshot snapshot;

    RulesView(RulesService service, RulesFormMapper mapper, ConfigurationStore store) {
        this.service = service;
        this.store = store;
        this.mapper = mapper;
        setWidthFull();
        setMaxWidth("960px");

        assetClasses.setItems(AssetClass.values());
        assetClasses.setItemLabelGenerator(AssetClass::title);
        bind(assetClasses, "assetClasses", RulesForm::getAssetClasses, RulesForm::setAssetClasses);
        var fractional = new Checkbox("Allow fractional shares");
        binder.forField(fractional).bind(RulesForm::isFractionalShares, RulesForm::setFractionalShares);
        add(title, status, new H3("What investors can buy"), assetClasses, fractional);

        for (var assetClass : AssetClass.values()) {
            add(classSection(assetClass));
        }

        var daily = new FormLayout();
        var maxOrders = NumberInput.field("Daily order count limit");
        bind(maxOrders, "daily.maxOrders", NumberInput.whole(maxOrders.getLabel()), f -> f.getDaily().getMaxOrders(),
                (f, v) -> f.getDaily().setMaxOrders(v));
        bind(dailyUsd, "daily.maxAmountUsd", money(dailyUsd), f -> f.getDaily().getMaxAmountUsd(),
                (f, v) -> f.getDaily().setMaxAmountUsd(v));
        bind(dailyInr, "daily.maxAmountInr", money(dailyInr), f -> f.getDaily().getMaxAmountInr(),
                (f, v) -> f.getDaily().setMaxAmountInr(v));
        daily.add(maxOrders, dailyUsd, dailyInr);
        daily.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 3));
        add(new H3("Per investor and day"), daily);

        var sipMinimum = NumberInput.field("SIP minimum amount (INR)");
        bind(sipMinimum, "sip.minimumAmount", money(sipMinimum), f -> f.getSip().getMinimumAmount(),
                (f, v) -> f.getSip().setMinimumAmount(v));
        var debitDays = new MultiSelectComboBox<Integer>("SIP debit days");
        debitDays.setItems(IntStream.rangeClosed(1, 28).boxed().toList());
        bind(debitDays, "sip.debitDays", f -> f.getSip().getDebitDays(), (f, v) -> f.getSip().setDebitDays(v));
        var maxSips = NumberInput.field("Maximum active SIPs per investor");
        bind(maxSips, "sip.maxActive", NumberInput.whole(maxSips.getLabel()), f -> f.getSip().getMaxActive(),
                (f, v) -> f.getSip().setMaxActive(v));
        var categories = new CheckboxGroup<FundCategory>("Mutual fund categories");
        categories.setItems(FundCategory.values());
        categories.setItemLabelGenerator(FundCategory::label);
        bind(categories, "fundCategories", RulesForm::getFundCategories, RulesForm::setFundCategories);
        var sipRow = new FormLayout(sipMinimum, debitDays, maxSips);
        sipRow.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 3));
        fundSection.setPadding(false);
        fundSection.add(new H3("Mutual funds and SIPs"), sipRow, categories);
        add(fundSection);

        var tickers = new TextArea("Restricted tickers");
        tickers.setHelperText("Symbols investors may not buy, separated by commas or spaces, e.g. GME, BRK.B");
        tickers.setWidthFull();
        bind(tickers, "restrictedTickers", RulesForm::getRestrictedTickers, RulesForm::setRestrictedTickers);
        var lots = new RadioButtonGroup<LotMatching>("Capital-gains lot matching");
        lots.setItems(LotMatching.values());
        lots.setItemLabelGenerator(LotMatching::label);
        bind(lots, "lotMatching", RulesForm::getLotMatching, RulesForm::setLotMatching);
        var zone = InvestmentRules.TradingWindow.ZONE.getId();
        var opens = new TimePicker("Trading opens (" + zone + ")");
        var closes = new TimePicker("Trading closes (" + zone + ")");
        for (var picker : new TimePicker[] {opens, closes}) {
            picker.setStep(Duration.ofMinutes(15));
        }
        bind(opens, "tradingWindow.opens", f -> f.getTradingWindow().getOpens(), (f, v) -> f.getTradingWindow().setOpens(v));
        bind(closes, "tradingWindow.closes", f -> f.getTradingWindow().getCloses(),
                (f, v) -> f.getTradingWindow().setCloses(v));
        var other = new FormLayout(lots, opens, closes);
        add(new H3("Restrictions, taxes and hours"), tickers, other);

        var limits = service.limits();
        var hint = new Paragraph("Platform limits: single orders up to " + Currency.USD.format(limits.maxOrderUsd())
                + " / " + Currency.INR.format(limits.maxOrderInr()) + ", daily totals up to "
                + Currency.USD.format(limits.maxDailyAmountUsd()) + " / " + Currency.INR.format(limits.maxDailyAmountInr())
                + ", " + limits.maxDailyOrders() + " orders a day, " + limits.maxActiveSips() + " active SIPs.");
        hint.addClassName("concierge-user");
        add(hint, actions);

        assetClasses.addValueChangeListener(e -> showOfferedSections());
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
        return "Investment rules" + (snapshot == null ? "" : " · " + snapshot.tenantName()) + " · Concierge";
    }

    private FormLayout classSection(AssetClass assetClass) {
        var key = assetClass.field();
        var currency = assetClass.currency();
        var min = NumberInput.field(assetClass.title() + ": minimum order (" + currency + ")");
        var max = NumberInput.field(assetClass.title() + ": maximum order (" + currency + ")");
        var kyc = new Select<KycLevel>();
        kyc.setLabel(assetClass.title() + ": minimum KYC level");
        kyc.setItems(KycLevel.values());
        kyc.setItemLabelGenerator(KycLevel::label);
        bind(min, key + ".minimumOrder", money(min), f -> f.rulesFor(assetClass).getMinimumOrder(),
                (f, v) -> f.rulesFor(assetClass).setMinimumOrder(v));
        bind(max, key + ".maximumOrder", money(max), f -> f.rulesFor(assetClass).getMaximumOrder(),
                (f, v) -> f.rulesFor(assetClass).setMaximumOrder(v));
        bind(kyc, key + ".minimumKyc", f -> f.rulesFor(assetClass).getMinimumKyc(),
                (f, v) -> f.rulesFor(assetClass).setMinimumKyc(v));
        var section = new FormLayout(min, max, kyc);
        section.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 3));
        classSections.put(assetClass, section);
        return section;
    }

    private <V, F extends HasValue<?, V> & HasValidation> void bind(F field, String key,
                                                                    ValueProvider<RulesForm, V> getter,
                                                                    Setter<RulesForm, V> setter) {
        binder.forField(field).bind(getter, setter);
        fieldsByKey.put(key, field);
    }

    /** A number input: its text becomes a number only through the bounded parser, whose refusal shows at it. */
    private <V> void bind(TextField field, String key, Converter<String, V> converter,
                          ValueProvider<RulesForm, V> getter, Setter<RulesForm, V> setter) {
        binder.forField(field).withConverter(converter).bind(getter, setter);
        fieldsByKey.put(key, field);
    }

    private static Converter<String, BigDecimal> money(TextField field) {
        return NumberInput.decimal(BoundedNumber.MONEY, field.getLabel());
    }

    private void showOfferedSections() {
        var form = binder.getBean();
        if (form == null) {
            return;
        }
        classSections.forEach((assetClass, section) -> section.setVisible(form.offers(assetClass)));
        fundSection.setVisible(form.offers(AssetClass.MUTUAL_FUNDS));
        dailyUsd.setVisible(form.tradesIn(Currency.USD));
        dailyInr.setVisible(form.tradesIn(Currency.INR));
    }

    private void buildControls() {
        actions.removeAll();
        binder.setReadOnly(!snapshot.editable());
        if (snapshot.editable()) {
            var save = new Button("Review and save…", e -> review());
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            var defaults = new Button("Reset to platform defaults", e -> {
                binder.setBean(mapper.toForm(RulesService.defaults()));
                showOfferedSections();
            });
            defaults.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            actions.add(save, defaults);
        }
        actions.add(new Button("History", e -> openHistory()));
    }

    private void load(RulesSnapshot loaded) {
        snapshot = loaded;
        title.setText("Investment rules · " + loaded.tenantName());
        status.setText(loaded.saved() ? "Version " + loaded.version() + "."
                : "No rules saved yet: the form shows the platform defaults, stored only when you save them.");
        binder.setBean(mapper.toForm(loaded.rules()));
        fieldsByKey.values().forEach(f -> f.setInvalid(false));
        showOfferedSections();
    }

    private void review() {
        fieldsByKey.values().forEach(f -> f.setInvalid(false));
        var unreadable = binder.validate().getFieldValidationErrors();
        if (!unreadable.isEmpty()) {
            // the binder has put each message at its field; the bean still holds the last readable values
            Notifications.error(unreadable.get(0).getMessage().orElse("Correct the marked fields."));
            return;
        }
        var rules = mapper.toRules(binder.getBean());
        try {
            service.validate(rules);
        } catch (InvalidValueException e) {
            showError(e);
            return;
        }
        var before = snapshot.saved() ? service.current(snapshot.tenant()).orElse(null) : null;
        var expected = snapshot.version();
        ReviewChangesDialog.review(ConfigArea.RULES, expected, service.changes(before, rules),
                comment -> service.save(snapshot.tenant(), snapshot.slug(), expected, rules, comment), this::reload);
    }

    /** The versions, compared rule by rule; a restore must still pass today's checks and platform limits. */
    private void openHistory() {
        new HistoryDialog(store, snapshot.tenant(), ConfigArea.RULES, snapshot.editable(),
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
        }
        Notifications.error(e.getMessage());
    }
}
