/** The go-live checklist: what still stands between a tenant and its launch, and where to complete each item. */
@org.springframework.modulith.ApplicationModule
package io.concierge.onboarding;
