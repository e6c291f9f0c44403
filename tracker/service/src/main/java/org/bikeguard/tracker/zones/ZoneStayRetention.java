package org.bikeguard.tracker.zones;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of {@code zone_stay}: deletes the closed stays whose newest read and last write both lie
 * more than the retention ({@code BIKEGUARD_ZONE_STAY_RETENTION_D}) before the tracker's clock, in
 * statements of at most {@value #BATCH} rows, each its own transaction, so that a large backlog never
 * holds a long lock on the table the live stays are written to. A stay still running is written at
 * least every half sighting gap its newest read moves on and once more when it goes quiet, so a row
 * no member has written for a whole retention (at least a day) belongs to a stay that has ended.
 * {@code zone_event} rows (entries, texts, fines: records fine cases rest on) are never deleted here.
 *
 * <p>Cluster: every member runs it, and it is idempotent: members deleting at the same moment wait
 * on each other's row locks and find the rows gone, so each row is deleted once. The counter
 * {@code bikeguard.zones.stays.purged} counts the rows this member deleted. Thread-safe; blocking
 * (JDBC); meant for one periodic thread.
 */
public final class ZoneStayRetention {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneStayRetention.class);
    /** Rows per DELETE statement. */
    static final int BATCH = 10_000;

    private final ZoneStayStore store;
    private final Clock clock;
    private final Duration retention;
    private final int batch;
    private final Counter purged;

    /**
     * @param zones     the zones feature, whose stay table this purges
     * @param clock     the tracker's clock (the cutoff is its reading minus {@code retention})
     * @param retention how long closed stays are kept; positive
     * @param metrics   where the purged-rows counter is registered
     */
    public ZoneStayRetention(Zones zones, Clock clock, Duration retention, MeterRegistry metrics) {
        this(zones.stays, clock, retention, BATCH, metrics);
    }

    ZoneStayRetention(ZoneStayStore store, Clock clock, Duration retention, int batch, MeterRegistry metrics) {
        if (retention.isNegative() || retention.isZero() || batch < 1) {
            throw new IllegalArgumentException("retention and batch must be positive");
        }
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = retention;
        this.batch = batch;
        this.purged = Counter.builder("bikeguard.zones.stays.purged")
                .description("closed zone stays deleted after the retention, by this member")
                .register(metrics);
    }

    /** Deletes every closed stay past the retention now, batch after batch; returns how many rows. */
    public long run() throws SQLException {
        Instant cutoff = clock.instant().minus(retention);
        long total = 0;
        int n;
        do {
            n = store.purge(cutoff, batch);
            total += n;
            purged.increment(n);
        } while (n == batch);
        if (total > 0) {
            LOG.info("zone stays purged [rows: {}, last seen and written before: {}]", total, cutoff);
        }
        return total;
    }
}
