package org.bikeguard.tracker.zones;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.protocol.Frame;
import org.bikeguard.tracker.ingest.NewFrameListener;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zones' hook on the live frame stream: a frame from a station outside every zone costs one
 * array lookup; reads at zone stations feed {@link ZoneStays}, and its decisions are written by one
 * worker thread (bounded queue of {@value #QUEUE}; beyond it a decision is dropped and counted,
 * never blocking the ingest). The compiled zones are swapped atomically by {@link #reload} (after
 * an edit here, and every few seconds from the database so every member follows edits made on
 * another). Stays live in this member's memory (a read costs a map update, no I/O) and are
 * written to {@code zone_stay} in batches by {@link #flush} (opened, decided, moved on by half a
 * gap, gone quiet); {@link #sync} reads back the stays written recently, by this member before a
 * restart or by another member whose station moved here, and the stored part of a stay whose reads
 * came late, so a dwell keeps its clock and its decisions across all three. Thread-safe.
 */
public final class ZoneWatch implements NewFrameListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneWatch.class);
    static final int QUEUE = 10_000;
    /** Reads stamped further ahead of arrival than this are ignored (the applier drops them too). */
    static final long MAX_FUTURE_MS = 5 * 60_000L;

    private final ZoneStore store;
    private final ZoneEvents events;
    private final ZoneStayStore stayStore;
    private final StationRegistry stations;
    private final Clock clock;
    private final ZoneStays stays;
    private final long gapMs;
    private final ThreadPoolExecutor writer;
    private final AtomicLong dropped = new AtomicLong();
    /** The previous {@link #sync}'s time (tracker clock); null before the first. */
    private volatile Instant lastSync;
    /** Zones by station index; null where a station is in no zone. */
    private volatile Zone[][] byStation = new Zone[0][];
    /** Zones by id (the read-back's decisions). */
    private volatile Map<String, Zone> byId = Map.of();

    ZoneWatch(
            ZoneStore store,
            ZoneEvents events,
            ZoneStayStore stayStore,
            StationRegistry stations,
            Clock clock,
            Duration gap) {
        this.store = store;
        this.events = events;
        this.stayStore = stayStore;
        this.stations = stations;
        this.clock = clock;
        this.gapMs = gap.toMillis();
        this.stays = new ZoneStays(gapMs);
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "bikeguard-zones");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void onNewFrame(int stationIdx, Frame frame, long receivedAt) {
        Zone[][] map = byStation;
        if (stationIdx < 0 || stationIdx >= map.length || map[stationIdx] == null) {
            return;
        }
        for (Zone z : map[stationIdx]) {
            for (int i = 0; i < frame.tags().length; i++) {
                long ts = frame.timestamps()[i];
                if (ts > receivedAt + MAX_FUTURE_MS) {
                    continue;
                }
                for (ZoneStays.Hit h : stays.onRead(z, frame.tags()[i], frame.station(), ts, receivedAt)) {
                    submit(h);
                }
            }
        }
    }

    private void submit(ZoneStays.Hit h) {
        try {
            writer.execute(() -> {
                try {
                    events.record(h, clock.instant());
                } catch (SQLException | RuntimeException e) {
                    LOG.warn(
                            "zone event not recorded [zone: {}, kind: {}, error: {}]",
                            h.zone().id(),
                            h.kind(),
                            e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            long n = dropped.incrementAndGet();
            LOG.warn(
                    "zone event dropped, writer queue full [zone: {}, dropped: {}]",
                    h.zone().id(),
                    n);
        }
    }

    /** Compiles the station lookup from the stored zones. Blocking (JDBC). */
    public void reload() throws SQLException {
        install(store.all());
    }

    void install(List<Zone> zones) {
        int max = 0;
        for (Station s : stations.all()) {
            max = Math.max(max, s.idx() + 1);
        }
        List<List<Zone>> lists = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            lists.add(null);
        }
        for (Zone z : zones) {
            for (String id : z.stations()) {
                Station s = stations.byId(id);
                if (s == null || s.idx() >= max) {
                    continue;
                }
                if (lists.get(s.idx()) == null) {
                    lists.set(s.idx(), new ArrayList<>(1));
                }
                lists.get(s.idx()).add(z);
            }
        }
        Zone[][] map = new Zone[max][];
        for (int i = 0; i < max; i++) {
            map[i] = lists.get(i) == null ? null : lists.get(i).toArray(Zone[]::new);
        }
        Map<String, Zone> ids = new HashMap<>();
        for (Zone z : zones) {
            ids.put(z.id(), z);
        }
        byStation = map;
        byId = Map.copyOf(ids);
    }

    /**
     * Forgets the stays whose newest read and last news here are older than several gaps on the
     * tracker's clock (see {@link ZoneStays#purge}); their last state goes to the next {@link #flush}.
     */
    public void purge() {
        stays.purge(clock.millis(), idleMs());
    }

    private long idleMs() {
        return gapMs * 4 + 60_000;
    }

    /** Writes the stays that changed enough (see {@link ZoneStays#dirty}) in one batch. Blocking (JDBC). */
    public void flush() throws SQLException {
        List<ZoneStays.Snapshot> batch = stays.dirty(clock.millis());
        try {
            stayStore.write(batch, clock.instant());
        } catch (SQLException | RuntimeException e) {
            stays.retry(batch); // written again by the next flush (the write merges, so order does not matter)
            throw e;
        }
    }

    /**
     * Reads back the stays whose newest read lies within {@code lookback} of now (tracker clock) or
     * that were written since the previous call (the first call: within {@code lookback}), and
     * merges them (see {@link ZoneStays#merge}); returns how many rows it read. When reads opened
     * stays here since the previous call, it reaches back (newest read) to a gap before the
     * earliest of them, at most {@link Zones#RESUME}: a stay whose reads came late (its station was
     * silent and resent its buffer, or moved here from another member) is joined to the stored part
     * it continues, and the decisions that makes due are taken now. Blocking (JDBC).
     */
    public int sync(Duration lookback) throws SQLException {
        Instant now = clock.instant();
        long nowMs = now.toEpochMilli();
        long from = nowMs - lookback.toMillis();
        long opened = stays.takeFirstOpened();
        if (opened != Long.MAX_VALUE) {
            from = Math.min(from, Math.max(opened - gapMs, nowMs - Zones.RESUME.toMillis()));
        }
        Instant last = lastSync;
        Instant since = last == null ? now.minus(lookback) : last.minusSeconds(5);
        List<ZoneStays.Snapshot> rows;
        try {
            rows = stayStore.recent(from, since);
        } catch (SQLException | RuntimeException e) {
            stays.untakeFirstOpened(opened);
            throw e;
        }
        Map<String, Zone> zones = byId;
        for (ZoneStays.Hit h : stays.merge(rows, nowMs, zones::get)) {
            submit(h);
        }
        lastSync = now;
        return rows.size();
    }

    /** {@link #sync} over the idle window of the stays (a tick's look at other members' writes). */
    public int sync() throws SQLException {
        return sync(Duration.ofMillis(idleMs()));
    }

    /** Decisions dropped because the writer's queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Waits up to 5 s for queued decisions to be written (tests, shutdown). */
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
