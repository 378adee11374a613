/** Roles and the RBAC permission matrix of each tenant, checked against the platform's permission catalogue. */
@org.springframework.modulith.ApplicationModule
package io.concierge.access;
