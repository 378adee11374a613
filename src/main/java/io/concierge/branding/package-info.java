/** A partner's brand for its investor app: validated tokens and images, presets, contrast checks and versioning. */
@org.springframework.modulith.ApplicationModule
package io.concierge.branding;
