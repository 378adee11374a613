/** Running Concierge in production: health, metrics, tracing defaults and per-view timings. */
@org.springframework.modulith.ApplicationModule
package io.concierge.ops;
