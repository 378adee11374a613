/**
 * Console users, sign-in and its pauses after failed attempts, and the checks that decide who may read or change
 * which tenant.
 */
@org.springframework.modulith.ApplicationModule
package io.concierge.security;
