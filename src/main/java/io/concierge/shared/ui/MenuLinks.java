package io.concierge.shared.ui;

import java.util.List;

/**
 * Menu entries a feature module adds for the signed-in user beyond the {@code @Menu} views, such as a partner
 * admin's own tenant and its areas (routes with a parameter cannot carry {@code @Menu}). The layout puts them right
 * after the home page.
 */
public interface MenuLinks {

    /** One entry: its title and its route path ("tenants/acme/branding"). */
    record Link(String title, String path) {
    }

    /** The entries for the signed-in user, in menu order; empty for users they do not concern. */
    List<Link> links();
}
