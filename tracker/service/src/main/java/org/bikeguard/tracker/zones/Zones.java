package org.bikeguard.tracker.zones;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.bikeguard.tracker.ingest.NewFrameListener;
import org.bikeguard.tracker.payment.CounterPaymentGateway;
import org.bikeguard.tracker.payment.PaymentGateway;
import org.bikeguard.tracker.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The no-go zones feature, built once per member: store, live watch, fines and payment port.
 * Thread-safe.
 */
public final class Zones implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Zones.class);

    final ZoneStore store;
    final ZoneWatch watch;
    final ZoneStayStore stays;
    final Fines fines;
    final PaymentGateway payments;
    final StationRegistry stations;
    final Clock clock;

    /**
     * How far back the stays read at start reach (newest read, event time, or last write, both
     * before the tracker's clock): stations resend what they buffered while the tracker was down,
     * so a stay may go on after a long restart.
     */
    static final Duration RESUME = Duration.ofHours(1);

    /** Blocking: loads the zones and the stays that may still be running. */
    public Zones(DataSource ds, StationRegistry stations, Clock clock, Duration gap) throws SQLException {
        this.store = new ZoneStore(ds);
        this.stays = new ZoneStayStore(ds, gap.toMillis());
        this.watch = new ZoneWatch(store, new ZoneEvents(ds), stays, stations, clock, gap);
        this.fines = new Fines(ds);
        this.payments = new CounterPaymentGateway();
        this.stations = stations;
        this.clock = clock;
        watch.reload();
        LOG.info("zone stays read back [rows: {}, within: {}]", watch.sync(RESUME), RESUME);
    }

    /** The hook for the ingest's new-frame listeners. */
    public NewFrameListener listener() {
        return watch;
    }

    /** The fines. */
    public Fines fines() {
        return fines;
    }

    /**
     * Periodic (every few seconds): follow edits and stays written on other members, forget idle
     * stays. Blocking.
     */
    public void tick() throws SQLException {
        watch.reload();
        watch.sync();
        watch.purge();
    }

    /** Periodic (every second): writes the stays that changed enough. Blocking. */
    public void flush() throws SQLException {
        watch.flush();
    }

    @Override
    public void close() {
        try {
            watch.flush();
        } catch (SQLException | RuntimeException e) {
            // the stays' newest reads are up to half a gap behind in the table; nothing else is lost
        }
        watch.close();
    }
}
