package io.concierge.onboarding;

import java.util.List;

/**
 * How far the fleet is on the go-live checklist: of {@code tenants} (every tenant but offboarded ones), how
 * many have done each item. Items are counted independently (one query each), so a later item can exceed an
 * earlier one, for example a tenant whose rules were set before its branding.
 */
public record GoLiveFunnel(long tenants, List<Step> steps) {

    /** One checklist item and how many tenants have done it; {@code link} opens the matching tenants, if any. */
    public record Step(String label, long done, String link) {
    }
}
