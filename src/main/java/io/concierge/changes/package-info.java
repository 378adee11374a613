/**
 * Four-eyes change requests: per tenant and area an approval policy (how many approvals a save needs); a save of
 * a gated area becomes a request (proposed content, base version, checksums) that other people approve or reject;
 * the apply goes through the configuration area's own save, so validation, audit and publishing have no special
 * case and the platform never sees unapproved content. Scheduled applies, break glass and the inbox live here.
 */
@org.springframework.modulith.ApplicationModule
package io.concierge.changes;
