package io.concierge.rules.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
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
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.ui.AreaEditor;
import io.concierge.rules.AssetClass;
import io.concierge.rules.Currency;
import io.concierge.rules.FundCategory;
import io.concierge.rules.InvestmentRules;
import io.concierge.rules.KycLevel;
import io.concierge.rules.LotMatching;
import io.concierge.rules.RulesService;
import io.concierge.shared.BoundedNumber;
import io.concierge.shared.ui.NumberInput;
import jakarta.annotation.security.PermitAll;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A tenant's investment rules: typed inputs grouped by topic, inputs of asset classes that are not offered hidden,
 * save through a review of the changes with a required comment, and the version history with restore. Auditors
 * get the same page read-only without any control that changes something.
 */
@Route("tenants/:slug/rules")
@PermitAll
class RulesView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle,
        AreaEditor.Form<InvestmentRules> {

    private final RulesFormMapper mapper;
    private final AreaEditor<InvestmentRules> editor;
    private final VerticalLayout form = new VerticalLayout();
    private final Binder<RulesForm> binder = new Binder<>();
    /** Fields that may stay empty; every other field is marked required and checked before the review. */
    private static final Set<String> OPTIONAL = Set.of("assetClasses", "restrictedTickers", "fundCategories",
            "sip.debitDays");
    private final Map<String, HasValidation> fieldsByKey = new LinkedHashMap<>();
    private final Map<AssetClass, FormLayout> classSections = new EnumMap<>(AssetClass.class);
    private final CheckboxGroup<AssetClass> assetClasses = new CheckboxGroup<>("Asset classes offered");
    private final TextField dailyUsd = NumberInput.field("Daily amount limit (USD)");
    private final TextField dailyInr = NumberInput.field("Daily amount limit (INR)");
    private final VerticalLayout fundSection = new VerticalLayout();

    RulesView(RulesService service, RulesFormMapper mapper, ConfigurationAreas areas) {
        this.mapper = mapper;
        this.editor = new AreaEditor<>(areas, service.area(), "Investment rules", this);
        setWidthFull();
        setMaxWidth("960px");
        form.setPadding(false);

        assetClasses.setItems(AssetClass.values());
        assetClasses.setItemLabelGenerator(AssetClass::title);
        bind(assetClasses, "assetClasses", RulesForm::getAssetClasses, RulesForm::setAssetClasses);
        var fractional = new Checkbox("Allow fractional shares");
        binder.forField(fractional).bind(RulesForm::isFractionalShares, RulesForm::setFractionalShares);
        form.add(new H3("What investors can buy"), assetClasses, fractional);

        for (var assetClass : AssetClass.values()) {
            form.add(classSection(assetClass));
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
        form.add(new H3("Per investor and day"), daily);

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
        form.add(fundSection);

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
        form.add(new H3("Restrictions, taxes and hours"), tickers, other);

        var limits = service.limits();
        var hint = new Paragraph("Platform limits: single orders up to " + Currency.USD.format(limits.maxOrderUsd())
                + " / " + Currency.INR.format(limits.maxOrderInr()) + ", daily totals up to "
                + Currency.USD.format(limits.maxDailyAmountUsd()) + " / " + Currency.INR.format(limits.maxDailyAmountInr())
                + ", " + limits.maxDailyOrders() + " orders a day, " + limits.maxActiveSips() + " active SIPs.");
        hint.addClassName("concierge-user");
        form.add(hint);
        editor.body().add(form);
        add(editor);

        var defaults = new Button("Reset to platform defaults", e -> {
            binder.setBean(mapper.toForm(RulesService.defaults()));
            showOfferedSections();
            editor.edited();
        });
        defaults.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        editor.addEditAction(defaults);
        assetClasses.addValueChangeListener(e -> showOfferedSections());
        binder.addValueChangeListener(e -> editor.edited());
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
    public void show(InvestmentRules content) {
        binder.setBean(mapper.toForm(content));
        showOfferedSections();
    }

    @Override
    public InvestmentRules value() {
        return mapper.toRules(binder.getBean());
    }

    /** Number fields whose text the bounded parser refused: the form's bean still holds their last readable value. */
    @Override
    public Map<String, String> unreadable() {
        var errors = new LinkedHashMap<String, String>();
        var refused = binder.validate().getFieldValidationErrors();
        fieldsByKey.forEach((key, field) -> refused.stream().filter(e -> e.getField() == field).findFirst()
                .ifPresent(e -> errors.put(key, e.getMessage().orElse("This value cannot be read."))));
        return errors;
    }

    @Override
    public void setEditable(boolean editable) {
        binder.setReadOnly(!editable);
    }

    @Override
    public Map<String, HasValidation> fields() {
        return fieldsByKey;
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
        if (!OPTIONAL.contains(key)) {
            field.setRequiredIndicatorVisible(true);
        }
    }

    /** A number input: its text becomes a number only through the bounded parser, whose refusal shows at it. */
    private <V> void bind(TextField field, String key, Converter<String, V> converter,
                          ValueProvider<RulesForm, V> getter, Setter<RulesForm, V> setter) {
        binder.forField(field).withConverter(converter).bind(getter, setter);
        fieldsByKey.put(key, field);
        if (!OPTIONAL.contains(key)) {
            field.setRequiredIndicatorVisible(true);
        }
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
}
