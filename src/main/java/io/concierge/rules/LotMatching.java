package io.concierge.rules;

/** Which purchase lots a sale consumes first when capital gains are computed. */
public enum LotMatching {
    FIFO("First in, first out (FIFO)"),
    LIFO("Last in, first out (LIFO)");

    private final String label;

    LotMatching(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
