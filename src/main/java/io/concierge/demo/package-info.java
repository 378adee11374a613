/** The demo profile's users and tenant, seeded on first start. */
@org.springframework.modulith.ApplicationModule
package io.concierge.demo;
