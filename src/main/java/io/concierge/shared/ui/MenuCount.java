package io.concierge.shared.ui;

/**
 * A number a feature module shows next to its menu entry ("Change requests 2"): what waits for the signed-in user.
 * The layout collects every bean of this type, so it needs to know none of the modules that contribute.
 */
public interface MenuCount {

    /** The route path of the menu entry, as in {@code @Route} ("changes"). */
    String path();

    /** What waits for the signed-in user there; 0 shows nothing. */
    long count();
}
