package org.bikeguard.tracker.app;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.function.Consumer;

/**
 * A feature as {@link TrackerApp} wires it beside the ingest pipeline: the routes it adds to the
 * HTTP API, the periodic jobs it runs, and its close. Each implementation builds its service where
 * {@link TrackerApp} starts it and exposes that service to the app; the app decides when the
 * routes are mounted (in a fixed order, before the routers published by co-deployed modules), when
 * the jobs are registered and when each feature closes (see {@link TrackerApp#close()}).
 *
 * <p>Thread safety: {@link #routes} and {@link #schedule} are called once, on the thread that starts
 * the tracker. The contributor {@link #routes} returns is called once per HTTP verticle instance, on
 * that instance's event loop, so several may run at once; the jobs run on the scheduler's threads.
 * {@link #close} is called once, after the jobs and the servers have stopped.
 */
interface Feature extends AutoCloseable {

    /**
     * The contributor that mounts the feature's routes on each HTTP verticle's router (after the
     * bearer-token check of {@code /api/v1/*}); a feature without routes mounts nothing.
     */
    default Consumer<Router> routes(Vertx vertx) {
        return router -> {};
    }

    /** Registers the feature's periodic jobs; a feature without jobs registers none. */
    default void schedule(PeriodicJobs jobs) {}

    /** Stops the feature's own threads and writes what it holds; does not throw checked exceptions. */
    @Override
    void close();
}
