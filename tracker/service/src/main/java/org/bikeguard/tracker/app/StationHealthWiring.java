package org.bikeguard.tracker.app;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.tracker.http.HttpApiVerticle;
import org.bikeguard.tracker.ingest.SeqRestarts;
import org.bikeguard.tracker.ingest.StationActivity;
import org.bikeguard.tracker.ingest.StationHealthRoutes;
import org.bikeguard.tracker.station.StationRegistry;

/**
 * Station health as {@link TrackerApp} wires it: the {@link StationActivity} counters (fed by the
 * app's frame intake), the ingest side of the health routes ({@link StationHealthRoutes}: seq
 * restarts and activity) on the API's worker pool with at most {@value #HEALTH_MAX_PENDING} reads
 * pending per HTTP verticle instance, and the {@code station-activity} job writing the counters
 * every minute. Closing writes what is counted (best effort). Thread-safe (the counters are).
 */
final class StationHealthWiring implements Feature {

    /** Station-health reads allowed pending per HTTP verticle instance. */
    static final int HEALTH_MAX_PENDING = 32;

    private final DataSource ds;
    private final StationRegistry stations;
    private final StationActivity activity;

    /** @param clock the tracker's clock (the activity's hours, UTC) */
    StationHealthWiring(DataSource ds, StationRegistry stations, Clock clock) {
        this.ds = ds;
        this.stations = stations;
        this.activity = new StationActivity(ds, stations, clock);
    }

    /** Per-station frame and read counts behind station health. */
    StationActivity activity() {
        return activity;
    }

    @Override
    public Consumer<Router> routes(Vertx vertx) {
        SeqRestarts restarts = new SeqRestarts(ds);
        return r -> new StationHealthRoutes(
                        Blocking.shared(
                                vertx, HttpApiVerticle.WORKER_POOL, HttpApiVerticle.WORKER_THREADS, HEALTH_MAX_PENDING),
                        stations,
                        restarts,
                        activity)
                .mount(r);
    }

    @Override
    public void schedule(PeriodicJobs jobs) {
        jobs.every("station-activity", 60, 60, TimeUnit.SECONDS, () -> {
            try {
                activity.flush();
            } catch (SQLException e) {
                throw new IllegalStateException("station activity not written: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void close() {
        activity.close();
    }
}
