/**
 * The database: the embedded PostgreSQL or an external PostgreSQL/TimescaleDB, Flyway migrations,
 * the connection pool, and binary COPY.
 */
package org.bikeguard.tracker.db;
