/** The tenant aggregate and its lifecycle, and the operators' tenant pages. */
@org.springframework.modulith.ApplicationModule
package io.concierge.tenant;
