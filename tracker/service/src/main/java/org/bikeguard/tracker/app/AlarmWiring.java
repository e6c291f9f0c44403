package org.bikeguard.tracker.app;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.bikeguard.tracker.alert.Alerts;
import org.bikeguard.tracker.analysis.AlarmCompanions;
import org.bikeguard.tracker.correlate.SightingEngine;
import org.bikeguard.tracker.station.StationRegistry;

/**
 * The live alarms as {@link TrackerApp} wires them: {@link Alerts} started on this member, with the
 * {@link AlarmCompanions} that add a stolen tag's companions to its alarms. Their routes are part of
 * the HTTP API ({@link org.bikeguard.tracker.http.ApiServices}) and their jobs run on their own
 * scheduler, so the feature adds neither. Thread-safe (the alarm subsystem is).
 */
final class AlarmWiring implements Feature {

    private final Alerts alerts;

    private AlarmWiring(Alerts alerts) {
        this.alerts = alerts;
    }

    /**
     * Starts the alarm subsystem. Blocking.
     *
     * @param clock       the tracker's clock (alarm times, UTC)
     * @param sightingGap the tracker's sighting gap
     */
    static AlarmWiring start(
            HazelcastInstance hz,
            DataSource ds,
            StationRegistry stations,
            SightingEngine engine,
            MeterRegistry metrics,
            Clock clock,
            Duration sightingGap) {
        Alerts alerts = Alerts.start(hz, ds, stations, metrics, clock, sightingGap);
        new AlarmCompanions(ds, stations, engine).install(alerts.hub());
        return new AlarmWiring(alerts);
    }

    /** The live-alarm subsystem (watch list, alarm hub, ingest hook). */
    Alerts alerts() {
        return alerts;
    }

    @Override
    public void close() {
        alerts.close();
    }
}
