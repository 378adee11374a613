package io.concierge.branding.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import io.concierge.branding.Branding;
import io.concierge.branding.ColorMode;

/**
 * A mock screen of the partner's investor app, drawn with the chosen tokens. The tokens are CSS custom properties
 * on the root (--brand-primary ...), and styles.css ("Brand preview" section) does the rest, so a change is one
 * style update with no re-rendering.
 */
class BrandPreview extends Div {

    private final Image logo = new Image();
    private final Span name = new Span();

    BrandPreview() {
        addClassName("brand-preview");
        logo.addClassName("brand-preview__logo");
        name.addClassName("brand-preview__name");
        var header = div("brand-preview__header");
        header.add(logo, name);

        var card = div("brand-preview__card");
        card.add(span("brand-preview__card-title", "Your portfolio"), span("brand-preview__total", "$12,480.20"),
                span("brand-preview__gain", "+$312.44 today"));
        card.add(holding("AAPL", "12 shares", "$2,741.16"), holding("VTI", "20.5 shares", "$5,893.95"),
                holding("Nifty 50 Index Fund", "₹1,20,000", "$3,845.09"));
        var buy = div("brand-preview__buy");
        buy.setText("Buy");
        var secondary = div("brand-preview__sell");
        secondary.setText("Start a SIP");
        var actions = div("brand-preview__actions");
        actions.add(buy, secondary);

        var orders = div("brand-preview__orders");
        orders.add(span("brand-preview__card-title", "Recent orders"));
        orders.add(row(true, "Date", "Ticker", "Side", "Amount", "Status"));
        orders.add(row(false, "Nov 24", "AAPL", "Buy", "$500.00", "Filled"));
        orders.add(row(false, "Nov 21", "VTI", "Buy", "$250.00", "Filled"));
        orders.add(row(false, "Nov 20", "TSLA", "Sell", "$120.00", "Pending"));

        var body = div("brand-preview__body");
        body.add(card, actions, orders);
        add(header, body);
    }

    void show(Branding branding) {
        var style = getStyle();
        style.set("--brand-primary", branding.primaryColor());
        style.set("--brand-secondary", branding.secondaryColor());
        style.set("--brand-accent", branding.accentColor());
        style.set("--brand-on-primary", branding.primaryTextTone().hex());
        style.set("--brand-font", branding.fontFamily().cssStack());
        style.set("--brand-radius", branding.cornerStyle().radius());
        setClassName("brand-preview--dark", branding.defaultMode() == ColorMode.DARK);
        name.setText(branding.displayName());
        logo.setVisible(branding.logo() != null);
        if (branding.logo() != null) {
            logo.setSrc(branding.logo().dataUrl());
            logo.setAlt(branding.displayName() + " logo");
        }
    }

    private static Div holding(String what, String quantity, String value) {
        var row = div("brand-preview__holding");
        row.add(span("brand-preview__ticker", what), span("brand-preview__quantity", quantity),
                span("brand-preview__value", value));
        return row;
    }

    private static Div row(boolean heading, String... cells) {
        var row = div(heading ? "brand-preview__row brand-preview__row--head" : "brand-preview__row");
        for (var cell : cells) {
            row.add(new Span(cell));
        }
        return row;
    }

    private static Div div(String classNames) {
        var div = new Div();
        div.setClassName(classNames);
        return div;
    }

    private static Span span(String className, String text) {
        var span = new Span(text);
        span.addClassName(className);
        return span;
    }
}
