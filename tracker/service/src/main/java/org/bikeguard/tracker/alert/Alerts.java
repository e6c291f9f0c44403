package org.bikeguard.tracker.alert;

import com.hazelcast.core.HazelcastInstance;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The live-alarm subsystem of one tracker member, as the rest of the tracker sees it: the
 * cluster-wide {@link WatchList}. Built once by the application; thread-safe.
 */
public final class Alerts implements AutoCloseable {

    private final WatchList watchList;

    private Alerts(WatchList watchList) {
        this.watchList = Objects.requireNonNull(watchList, "watchList");
    }

    /** Starts the subsystem on a migrated database and a running member. Blocking. */
    public static Alerts start(HazelcastInstance hz, DataSource ds) {
        return new Alerts(WatchList.start(hz, ds));
    }

    /** The cluster-wide list of tags whose sightings raise {@code stolen} alarms. */
    public WatchList watchList() {
        return watchList;
    }

    @Override
    public void close() {
        watchList.close();
    }
}
