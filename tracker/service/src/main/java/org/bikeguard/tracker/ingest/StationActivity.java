package org.bikeguard.tracker.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.sql.DataSource;
import org.bikeguard.protocol.Frame;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How busy each station is, for station health: every frame this member accepts adds one frame,
 * its entries (reads) and its arrival time to the station's in-memory counters (three atomic
 * operations, no allocation); {@link #flush} adds the counters to {@code station_hours} (per UTC
 * hour, summed over the cluster's members) and {@code station_last_frames}, once a minute from the
 * tracker's scheduler, and deletes hours older than {@link #KEEP}. A minute's counts are filed
 * under the hour of the station's last frame in it. Counts of a flush that fails are kept for the
 * next; counts not yet flushed when a member dies are lost. {@link #health} reads them back.
 * Times are the tracker clock's, UTC. Thread-safe.
 */
public final class StationActivity implements NewFrameListener, AutoCloseable {

    /** Hours of activity kept. */
    public static final Duration KEEP = Duration.ofDays(35);
    /** Days whose same hour make a station's normal. */
    public static final int NORMAL_DAYS = 7;
    /** A station below this share of its normal reads per hour is {@code low}. */
    public static final double LOW_SHARE = 0.25;
    /** A normal below this many reads per hour is too small to judge a station {@code low}. */
    public static final long MIN_NORMAL = 60;

    private static final Logger LOG = LoggerFactory.getLogger(StationActivity.class);
    private static final int CHUNK = 1024;
    private static final int CHUNKS = 4096;

    /** One station's counters; {@code last}: epoch ms of its last frame. */
    private record Chunk(AtomicLongArray frames, AtomicLongArray reads, AtomicLongArray last) {
        Chunk() {
            this(new AtomicLongArray(CHUNK), new AtomicLongArray(CHUNK), new AtomicLongArray(CHUNK));
        }
    }

    /** A station's state. */
    public enum State {
        /** no frame for longer than the silence limit (or none kept) */
        SILENT,
        /** its reads in the last complete hour are below {@link #LOW_SHARE} of its normal */
        LOW,
        OK
    }

    /**
     * One station's health.
     *
     * @param lastFrameAt    its last frame, or null when none is kept
     * @param readsLastHour  reads in the last complete UTC hour
     * @param normalPerHour  mean reads in the same hour of the {@value #NORMAL_DAYS} days before
     */
    public record Health(Station station, State state, Instant lastFrameAt, long readsLastHour, double normalPerHour) {}

    private final DataSource ds;
    private final StationRegistry stations;
    private final Clock clock;
    private final AtomicReferenceArray<Chunk> chunks = new AtomicReferenceArray<>(CHUNKS);
    private final Object flushing = new Object();
    private long prunedHour = -1;

    /** @param clock the tracker's clock (the "now" of health; frame arrivals come on the same scale) */
    public StationActivity(DataSource ds, StationRegistry stations, Clock clock) {
        this.ds = ds;
        this.stations = stations;
        this.clock = clock;
    }

    @Override
    public void onNewFrame(int stationIdx, Frame frame, long receivedAt) {
        if (stationIdx < 0 || stationIdx >= CHUNK * CHUNKS) {
            return;
        }
        Chunk c = chunks.get(stationIdx / CHUNK);
        if (c == null) {
            chunks.compareAndSet(stationIdx / CHUNK, null, new Chunk());
            c = chunks.get(stationIdx / CHUNK);
        }
        int i = stationIdx % CHUNK;
        c.frames().incrementAndGet(i);
        c.reads().addAndGet(i, frame.tags().length);
        c.last().accumulateAndGet(i, receivedAt, Math::max);
    }

    /** Adds the counters to the database (and prunes old hours, once per hour). Blocking. */
    public void flush() throws SQLException {
        synchronized (flushing) {
            List<long[]> taken = new ArrayList<>(); // idx, frames, reads, last
            for (int k = 0; k < CHUNKS; k++) {
                Chunk c = chunks.get(k);
                if (c == null) {
                    continue;
                }
                for (int i = 0; i < CHUNK; i++) {
                    if (c.frames().get(i) != 0) {
                        long f = c.frames().getAndSet(i, 0);
                        long r = c.reads().getAndSet(i, 0);
                        taken.add(
                                new long[] {(long) k * CHUNK + i, f, r, c.last().get(i)});
                    }
                }
            }
            try {
                write(taken);
            } catch (SQLException | RuntimeException e) {
                for (long[] t : taken) { // counted again next time
                    Chunk c = chunks.get((int) (t[0] / CHUNK));
                    c.frames().addAndGet((int) (t[0] % CHUNK), t[1]);
                    c.reads().addAndGet((int) (t[0] % CHUNK), t[2]);
                }
                throw e;
            }
            long hour = clock.millis() / 3_600_000L;
            if (hour != prunedHour) {
                prune();
                prunedHour = hour;
            }
        }
    }

    private void write(List<long[]> taken) throws SQLException {
        if (taken.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement hours = c.prepareStatement(
                            "INSERT INTO station_hours (station, hour, frames, reads)"
                                    + " VALUES (?, ?, ?, ?) ON CONFLICT (station, hour) DO UPDATE SET"
                                    + " frames = station_hours.frames + EXCLUDED.frames, reads = station_hours.reads + EXCLUDED.reads");
                    PreparedStatement last = c.prepareStatement("INSERT INTO station_last_frames (station, last_at)"
                            + " VALUES (?, ?) ON CONFLICT (station) DO UPDATE SET"
                            + " last_at = greatest(station_last_frames.last_at, EXCLUDED.last_at)")) {
                for (long[] t : taken) {
                    Station s = stations.byIndex((int) t[0]);
                    if (s == null) {
                        continue;
                    }
                    Instant at = Instant.ofEpochMilli(t[3]);
                    hours.setString(1, s.id());
                    hours.setObject(2, utc(at.truncatedTo(ChronoUnit.HOURS)));
                    hours.setLong(3, t[1]);
                    hours.setLong(4, t[2]);
                    hours.addBatch();
                    last.setString(1, s.id());
                    last.setObject(2, utc(at));
                    last.addBatch();
                }
                hours.executeBatch();
                last.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void prune() throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM station_hours WHERE hour < ?")) {
            st.setObject(1, utc(clock.instant().minus(KEEP)));
            st.executeUpdate();
        }
    }

    /**
     * The health of every registered station (the last complete UTC hour before the clock's now
     * against the same hour of the {@value #NORMAL_DAYS} days before), in registry order. Blocking.
     *
     * @param silentAfter a station without a frame for longer is {@link State#SILENT}
     */
    public List<Health> health(Duration silentAfter) throws SQLException {
        Instant now = clock.instant();
        Instant lastHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        Map<String, Instant> lastFrame = new HashMap<>();
        Map<String, long[]> reads = new HashMap<>(); // last hour, normal days' sum
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("SELECT station, last_at FROM station_last_frames");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    lastFrame.put(
                            rs.getString(1),
                            rs.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
            try (PreparedStatement st =
                    c.prepareStatement("SELECT station, hour, reads FROM station_hours WHERE hour = ANY (?)")) {
                OffsetDateTime[] hours = new OffsetDateTime[NORMAL_DAYS + 1];
                for (int d = 0; d <= NORMAL_DAYS; d++) {
                    hours[d] = utc(lastHour.minus(Duration.ofDays(d)));
                }
                st.setArray(1, c.createArrayOf("timestamptz", hours));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long[] r = reads.computeIfAbsent(rs.getString(1), k -> new long[2]);
                        boolean recent = rs.getObject(2, OffsetDateTime.class)
                                .toInstant()
                                .equals(lastHour);
                        r[recent ? 0 : 1] += rs.getLong(3);
                    }
                }
            }
        }
        List<Health> out = new ArrayList<>();
        for (Station s : stations.all()) {
            Instant last = lastFrame.get(s.id());
            long[] r = reads.getOrDefault(s.id(), new long[2]);
            double normal = r[1] / (double) NORMAL_DAYS;
            State state;
            if (last == null || Duration.between(last, now).compareTo(silentAfter) > 0) {
                state = State.SILENT;
            } else if (normal >= MIN_NORMAL && r[0] < LOW_SHARE * normal) {
                state = State.LOW;
            } else {
                state = State.OK;
            }
            out.add(new Health(s, state, last, r[0], normal));
        }
        return out;
    }

    /** The clock's now. */
    public Instant now() {
        return clock.instant();
    }

    /** The last complete UTC hour that {@link #health} judges read rates on. */
    public Instant lastHour() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    }

    /** Flushes what is counted (best effort). */
    @Override
    public void close() {
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("station activity not flushed at close [error: {}]", e.toString());
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    /** Both listeners, in order. */
    public static NewFrameListener both(NewFrameListener first, NewFrameListener second) {
        return (idx, frame, at) -> {
            first.onNewFrame(idx, frame, at);
            second.onNewFrame(idx, frame, at);
        };
    }
}
