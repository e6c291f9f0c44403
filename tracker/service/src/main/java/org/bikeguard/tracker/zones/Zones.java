package org.bikeguard.tracker.zones;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.bikeguard.tracker.ingest.NewFrameListener;
import org.bikeguard.tracker.payment.CounterPaymentGateway;
import org.bikeguard.tracker.payment.PaymentGateway;
import org.bikeguard.tracker.station.StationRegistry;

/**
 * The no-go zones feature, built once per member: store, live watch, fines and payment port.
 * Thread-safe.
 */
public final class Zones implements AutoCloseable {

    final ZoneStore store;
    final ZoneWatch watch;
    final Fines fines;
    final PaymentGateway payments;
    final StationRegistry stations;
    final Clock clock;

    /** Blocking: loads the zones. */
    public Zones(DataSource ds, StationRegistry stations, Clock clock, Duration gap) throws SQLException {
        this.store = new ZoneStore(ds);
        this.watch = new ZoneWatch(store, new ZoneEvents(ds), stations, clock, gap);
        this.fines = new Fines(ds);
        this.payments = new CounterPaymentGateway();
        this.stations = stations;
        this.clock = clock;
        watch.reload();
    }

    /** The hook for the ingest's new-frame listeners. */
    public NewFrameListener listener() {
        return watch;
    }

    /** The fines. */
    public Fines fines() {
        return fines;
    }

    /** Periodic: follow edits made on other members, forget idle stays. Blocking. */
    public void tick() throws SQLException {
        watch.reload();
        watch.purge();
    }

    @Override
    public void close() {
        watch.close();
    }
}
