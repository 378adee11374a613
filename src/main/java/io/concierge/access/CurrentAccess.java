package io.concierge.access;

import io.concierge.configuration.ConfigVersion;

/** A tenant's saved matrix and the version it is (number, author, time, comment). */
public record CurrentAccess(AccessMatrix matrix, ConfigVersion version) {
}
