package io.concierge.rules;

/** Mutual fund categories a partner may offer (SEBI's broad groups plus ELSS for tax saving). */
public enum FundCategory {
    EQUITY("Equity"),
    DEBT("Debt"),
    HYBRID("Hybrid"),
    INDEX("Index"),
    ELSS("ELSS (tax saving)"),
    LIQUID("Liquid"),
    INTERNATIONAL("International");

    private final String label;

    FundCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
