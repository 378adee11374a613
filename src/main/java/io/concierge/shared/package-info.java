/**
 * Small value types, the console's layout and the extension points through which feature modules add
 * their panels to the tenant pages without depending on each other.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.concierge.shared;
