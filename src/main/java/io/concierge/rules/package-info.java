/** A partner's investment rules (what investors may buy, how much, when), validated against platform limits. */
@org.springframework.modulith.ApplicationModule
package io.concierge.rules;
