/**
 * Embedded PostgreSQL and Redis for the demo profile and the test suite, started only when enabled and when
 * no server URL is configured.
 */
@org.springframework.modulith.ApplicationModule
package io.concierge.embedded;
