/**
 * The runnable tracker: configuration, start and orderly stop of the database, Hazelcast, engine,
 * ingest, HTTP API and periodic jobs, and the verticles of other modules deployed by name.
 */
package org.bikeguard.tracker.app;
