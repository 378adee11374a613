/**
 * The versioned store every configuration area uses: immutable versions, optimistic concurrency, history,
 * "as of" reads, diffs and restore.
 */
@org.springframework.modulith.ApplicationModule
package io.concierge.configuration;
