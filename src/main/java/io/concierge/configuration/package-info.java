/**
 * The configuration-area model: each area's definition, the one service that opens, saves, restores, compares
 * and decides who may edit an area now, and the versioned store beneath it (immutable versions, optimistic
 * concurrency, history, "as of" reads).
 */
@org.springframework.modulith.ApplicationModule
package io.concierge.configuration;
