/**
 * Base stations: their registry (PostgreSQL, replicated through Hazelcast), validation, CSV and
 * GeoJSON import, and the station routes.
 */
package org.bikeguard.tracker.station;
