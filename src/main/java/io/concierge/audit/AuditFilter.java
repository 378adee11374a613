package io.concierge.audit;

import io.concierge.shared.InvalidValueException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Filters of the audit history; null means "any". {@code from} is inclusive, {@code to} exclusive; {@code text}
 * matches actor, tenant slug, target and detail (case-insensitive, anywhere). Times are UTC.
 */
public record AuditFilter(String tenantSlug, String actor, AuditAction action, AuditArea area, Instant from,
                          Instant to, String text) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null);
    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9_]{2,29}");
    private static final int MAX_TEXT = 100;

    public AuditFilter {
        tenantSlug = blankToNull(tenantSlug);
        actor = blankToNull(actor);
        text = blankToNull(text);
        if (tenantSlug != null && !SLUG.matcher(tenantSlug).matches()) {
            throw new InvalidValueException("tenant", "'" + tenantSlug + "' is not a tenant slug.");
        }
        if (actor != null && actor.length() > 100) {
            throw new InvalidValueException("actor", "Actor must be at most 100 characters.");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidValueException("q", "Search text must be at most " + MAX_TEXT + " characters.");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidValueException("to", "The end of the date range must be after its start.");
        }
    }

    /**
     * Builds a filter from request parameters (URL query or HTTP export). Dates are ISO-8601: a day
     * ({@code 2026-11-01}: from its start; as {@code to}, through its end), a UTC date-time
     * ({@code 2026-11-01T10:00}) or an instant ({@code 2026-11-01T10:00:00Z}).
     */
    public static AuditFilter parse(String tenant, String actor, String action, String area, String from, String to,
                                    String text) {
        return new AuditFilter(tenant, actor,
                blankToNull(action) == null ? null : AuditAction.fromKey(action.trim()),
                blankToNull(area) == null ? null : AuditArea.fromKey(area.trim()),
                time("from", from, false), time("to", to, true), text);
    }

    public AuditFilter withTenantSlug(String slug) {
        return new AuditFilter(slug, actor, action, area, from, to, text);
    }

    public static Instant startOfDay(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant time(String field, String value, boolean endOfDay) {
        var text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                var day = LocalDate.parse(text);
                return startOfDay(endOfDay ? day.plusDays(1) : day);
            }
            if (text.endsWith("Z") || text.contains("+")) {
                return Instant.parse(text);
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, "'" + text + "' is not a date (2026-11-01) or a date-time "
                    + "(2026-11-01T10:00, UTC).");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
