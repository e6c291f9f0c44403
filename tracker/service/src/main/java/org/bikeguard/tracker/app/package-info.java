/**
 * The runnable tracker: configuration, start and orderly stop of the database, Hazelcast, engine,
 * ingest, HTTP API and periodic jobs, the features beside the ingest pipeline each wired as a
 * {@code Feature} (its routes, periodic jobs and close), and the
 * verticles of other modules deployed by name.
 */
package org.bikeguard.tracker.app;
