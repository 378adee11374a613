/**
 * Each persona's home page: what an operator, a partner admin or an auditor should look at first, with every
 * number linking to the list behind it. Reads only other modules' public services.
 */
@org.springframework.modulith.ApplicationModule
package io.concierge.home;
