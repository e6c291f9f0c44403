package org.bikeguard.tracker.traffic;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.tracker.ingest.NewFrameListener;
import org.bikeguard.tracker.notify.Gateways;
import org.bikeguard.tracker.notify.NoticeSettings;
import org.bikeguard.tracker.notify.Outbox;
import org.bikeguard.tracker.station.StationRegistry;
import org.bikeguard.tracker.zones.ZoneRoutes;
import org.bikeguard.tracker.zones.ZoneStayRetention;
import org.bikeguard.tracker.zones.Zones;

/**
 * Notices, zones and the monthly rules wired for one member: the new-frame hook of the zones, the
 * routes, and {@link #tick()} (every second: the outbox and the zone stays' batch write; every {@value #SLOW_S} s: zone reload and
 * enrolments of the current and previous month), and {@link #purgeZoneStays()} (the zone stays'
 * retention, hourly on a thread of its own). Thread-safe; {@link #tick()} and {@link #purgeZoneStays()}
 * are each meant for one scheduler thread.
 */
public final class TrafficFeature implements AutoCloseable {

    static final int SLOW_S = 10;

    private final DataSource ds;
    private final Clock clock;
    private final Outbox outbox;
    private final Zones zones;
    private final MonthlyRules rules;
    private final ZoneStayRetention stayRetention;
    private Instant lastSlow = Instant.EPOCH;

    /**
     * Blocking: loads the zones.
     *
     * @param gap               the sighting gap (a zone stay's longest time between reads)
     * @param zoneStayRetention how long closed zone stays are kept ({@link ZoneStayRetention})
     * @param metrics           where the zones' counters are registered
     */
    public TrafficFeature(
            DataSource ds,
            StationRegistry stations,
            Clock clock,
            Duration gap,
            NoticeSettings notices,
            Path dataDir,
            Duration zoneStayRetention,
            MeterRegistry metrics)
            throws SQLException {
        this.ds = ds;
        this.clock = clock;
        this.outbox = new Outbox(ds, Gateways.of(notices, dataDir), notices, clock);
        this.zones = new Zones(ds, stations, clock, gap);
        this.rules = new MonthlyRules(ds, clock);
        this.stayRetention = new ZoneStayRetention(zones, clock, zoneStayRetention, metrics);
    }

    /** The zones' hook on new frames. */
    public NewFrameListener listener() {
        return zones.listener();
    }

    /** The outbox (for tests and tools). */
    public Outbox outbox() {
        return outbox;
    }

    /** Mounts the protected routes on a router (after the bearer-token check). */
    public Consumer<Router> routes(Blocking blocking) {
        return r -> {
            new ZoneRoutes(blocking, ds, zones).mount(r);
            new TrafficRoutes(blocking, ds, clock, zones.fines()).mount(r);
        };
    }

    /**
     * The zones' slow periodic work now (follow edits and stays written on other members, forget
     * idle stays), whatever {@link #tick()} last did: for tests and tools. Blocking.
     */
    public void syncZones() throws SQLException {
        zones.tick();
    }

    /**
     * Deletes the closed zone stays past the retention now; returns how many rows (periodic, and for
     * tests and tools). Blocking.
     */
    public long purgeZoneStays() {
        try {
            return stayRetention.run();
        } catch (SQLException e) {
            throw new IllegalStateException("zone stay retention: " + e.getMessage(), e);
        }
    }

    /** One run of the periodic work. Blocking. */
    public void tick() {
        try {
            outbox.tick();
            zones.flush();
            Instant now = clock.instant();
            if (Duration.between(lastSlow, now).toSeconds() >= SLOW_S) {
                lastSlow = now;
                zones.tick();
                rules.enrol(Months.now(clock));
                rules.enrol(Months.now(clock).minusMonths(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("notices and zones: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        zones.close();
    }
}
