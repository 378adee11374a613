/**
 * The audit history: every change and sign-in outcome, appended in the committing transaction to an
 * append-only, hash-chained log, and the auditors' views, exports and integrity check over it.
 */
@org.springframework.modulith.ApplicationModule
package io.concierge.audit;
