package io.concierge.configuration.ui;

import io.concierge.configuration.ConfigVersion;

import io.concierge.shared.ui.Times;

import java.time.Instant;

/** How versions are named on screen, the same in every area. */
public final class Versions {

    private Versions() {
    }

    public static String time(Instant instant) {
        return Times.format(instant);
    }

    /** "v3 by alice at 2026-11-26 10:00:00 UTC". */
    public static String describe(ConfigVersion version) {
        return "v" + version.version() + " by " + version.author() + " at " + time(version.createdAt());
    }

    /** "restored from v1", or empty. */
    public static String origin(ConfigVersion version) {
        return version.restoredFrom() == null ? "" : "restored from v" + version.restoredFrom();
    }
}
