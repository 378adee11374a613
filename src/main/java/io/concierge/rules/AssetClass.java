package io.concierge.rules;

/** What a partner's investors can buy, and the currency each is traded in. */
public enum AssetClass {
    US_STOCKS("usStocks", "US stocks", Currency.USD),
    ETFS("etfs", "ETFs", Currency.USD),
    MUTUAL_FUNDS("mutualFunds", "mutual funds", Currency.INR);

    private final String field;
    private final String label;
    private final Currency currency;

    AssetClass(String field, String label, Currency currency) {
        this.field = field;
        this.label = label;
        this.currency = currency;
    }

    /** The rules document's property for this class's limits, and the prefix of its form fields' keys. */
    public String field() {
        return field;
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
