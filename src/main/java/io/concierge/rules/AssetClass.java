package io.concierge.rules;

/** What a partner's investors can buy, and the currency each is traded in. */
public enum AssetClass {
    US_STOCKS("US stocks", Currency.USD),
    ETFS("ETFs", Currency.USD),
    MUTUAL_FUNDS("mutual funds", Currency.INR);

    private final String label;
    private final Currency currency;

    AssetClass(String label, Currency currency) {
        this.label = label;
        this.currency = currency;
    }

    /** Lower-case where it reads naturally inside a sentence ("Minimum order for mutual funds ..."). */
    public String label() {
        return label;
    }

    public String title() {
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    public Currency currency() {
        return currency;
    }
}
