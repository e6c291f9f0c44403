/**
 * The claims schema: connection, Flyway history of its own, and small SQL helpers.
 */
package org.bikeguard.claims.store;
