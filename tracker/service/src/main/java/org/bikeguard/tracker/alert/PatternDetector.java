package org.bikeguard.tracker.alert;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.bikeguard.common.worker.SerialWorker;
import org.bikeguard.protocol.Frame;
import org.bikeguard.tracker.ingest.IngestBudget;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.trajectory.Geodesic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pattern alarms that need every tag's movement: {@code clone} and {@code silent}. Frames
 * are handed over from the ingest event loops through a queue bounded by count and by
 * {@value #QUEUE_BYTES} bytes of decoded frames (never blocking them: a full queue drops the frame
 * for these rules and counts it) to one {@link SerialWorker} thread,
 * {@code bikeguard-patterns}, which owns a {@link TagMemory} and sweeps for silent tags every
 * 2 s (also when idle). On close it stops after the frame in hand: the rules are
 * in memory only, so the frames still queued would be lost anyway.
 *
 * <p><b>clone</b>: a read at station B at time t, when the tag's newest read was at station A at
 * time t', with {@code distance(A, B) - radius(A) - radius(B) > maxSpeed * (|t - t'| + skew)}.
 *
 * <p><b>silent</b>: the <i>home station</i> of a tag is the station of its latest stay lasting at
 * least {@link PatternRules#homeStay()} (a bike parked there, typically overnight or at the
 * owner's home). When such a stay ends at night (its last read's local time in the night window)
 * and the tag is then heard nowhere for {@link PatternRules#silentAfter()} while the home station
 * itself goes on hearing other reads (so it is not a station outage), one {@code silent} alarm is
 * raised for that stay. "Now" is the newest event time seen from any station. State is per
 * member and in memory: after a restart a home station is learned anew.
 *
 * <p>Thread-safe entry point {@link #offer}; everything else runs on the pattern thread.
 */
final class PatternDetector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PatternDetector.class);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(2);
    /** Most estimated heap bytes of the frames waiting ({@link IngestBudget#weight} without payload). */
    static final long QUEUE_BYTES = 64L << 20;

    private record Work(int stationIdx, Frame frame, long receivedAt) {}

    private final PatternRules rules;
    private final IntFunction<Station> stations;
    private final Consumer<AlarmCandidate> raise;
    private final SerialWorker<Work> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final TagMemory mem = new TagMemory(1 << 16);
    private final double metresPerMs;
    private final long skewMs;
    private long[] stationNewest = new long[1024];
    private long now;

    PatternDetector(
            PatternRules rules, IntFunction<Station> stations, Consumer<AlarmCandidate> raise, int queueFrames) {
        this.rules = rules;
        this.stations = stations;
        this.raise = raise;
        this.metresPerMs = rules.maxSpeedKmh() / 3600.0;
        this.skewMs = rules.clockSkew().toMillis();
        this.queue = SerialWorker.<Work>named("bikeguard-patterns")
                .capacity(queueFrames)
                .maxWeight(QUEUE_BYTES, w -> IngestBudget.weight(0, w.frame().size()))
                .pollInterval(Duration.ofMillis(200))
                .tick(SWEEP_EVERY, this::sweepSafely)
                .discardOnClose()
                .stopTimeout(Duration.ofSeconds(5))
                .each(this::applySafely)
                .start();
    }

    /** Hands a new frame over; never blocks (counted as dropped when the queue is full, or after close). */
    void offer(int stationIdx, Frame frame, long receivedAt) {
        if (!queue.offer(new Work(stationIdx, frame, receivedAt))) {
            dropped.incrementAndGet();
        }
    }

    /** Frames the rules never saw because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /** Frames waiting. */
    int pending() {
        return queue.pending();
    }

    private void applySafely(Work w) {
        try {
            apply(w);
        } catch (RuntimeException e) {
            LOG.error("pattern rules failed", e);
        }
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.error("pattern rules failed", e);
        }
    }

    private void apply(Work w) {
        Frame f = w.frame();
        int s = w.stationIdx();
        if (s >= stationNewest.length) {
            stationNewest = java.util.Arrays.copyOf(stationNewest, Math.max(s + 1, stationNewest.length * 2));
        }
        long limit = w.receivedAt() + org.bikeguard.tracker.ingest.FrameApplier.MAX_FUTURE_MS;
        long[] tags = f.tags();
        long[] ts = f.timestamps();
        for (int i = 0; i < tags.length; i++) {
            long t = ts[i];
            if (t > limit) {
                continue;
            }
            read(tags[i], s, t);
            if (t > stationNewest[s]) {
                stationNewest[s] = t;
            }
            if (t > now) {
                now = t;
            }
        }
    }

    private void read(long tag, int s, long ts) {
        int i = mem.slot(tag);
        int last = mem.lastStation[i];
        if (last != TagMemory.NONE && last != s) {
            checkClone(tag, i, last, mem.lastTs[i], s, ts);
        }
        if (last == TagMemory.NONE || ts >= mem.lastTs[i]) {
            mem.lastStation[i] = s;
            mem.lastTs[i] = ts;
        }
        long gap = rules.sightingGap().toMillis();
        if (mem.stayStation[i] == s && ts >= mem.stayFirst[i] - gap && ts <= mem.stayLast[i] + gap) {
            mem.stayFirst[i] = Math.min(mem.stayFirst[i], ts);
            mem.stayLast[i] = Math.max(mem.stayLast[i], ts);
        } else if (mem.stayStation[i] == TagMemory.NONE || ts > mem.stayLast[i]) {
            mem.stayStation[i] = s;
            mem.stayFirst[i] = ts;
            mem.stayLast[i] = ts;
            mem.silentRaised[i] = false;
        }
        if (mem.stayLast[i] - mem.stayFirst[i] >= rules.homeStay().toMillis()) {
            mem.home[i] = mem.stayStation[i];
        }
    }

    private void checkClone(long tag, int i, int a, long ta, int b, long tb) {
        Station sa = stations.apply(a);
        Station sb = stations.apply(b);
        if (sa == null || sb == null) {
            return;
        }
        // cheap bound first: a degree of latitude is ~111 km; most pairs are near and plausible
        long dt = Math.abs(tb - ta);
        double allowed = metresPerMs * (dt + skewMs) + sa.radiusM() + sb.radiusM();
        double dLat = Math.abs(sa.lat() - sb.lat()) * 110_000;
        double dLon = Math.abs(sa.lon() - sb.lon()) * 110_000 * Math.cos(Math.toRadians(sa.lat()));
        if (Math.max(dLat, dLon) <= allowed) {
            return;
        }
        double d = Geodesic.distanceM(sa.lon(), sa.lat(), sb.lon(), sb.lat());
        if (d <= allowed) {
            return;
        }
        long quiet = rules.cloneQuiet().toMillis();
        if (mem.cloneAlarmAt[i] != Long.MIN_VALUE && Math.abs(tb - mem.cloneAlarmAt[i]) < quiet) {
            return;
        }
        mem.cloneAlarmAt[i] = tb;
        Alarm.Recent ra = new Alarm.Recent(sa.id(), sa.lon(), sa.lat(), ta, ta);
        Alarm.Recent rb = new Alarm.Recent(sb.id(), sb.lon(), sb.lat(), tb, tb);
        raise.accept(new AlarmCandidate(AlarmType.CLONE, tag, b, tb, ta <= tb ? List.of(ra, rb) : List.of(rb, ra)));
    }

    /** Looks for tags gone silent after leaving home at night (see class Javadoc). */
    private void sweep() {
        long silentMs = rules.silentAfter().toMillis();
        long homeMs = rules.homeStay().toMillis();
        long[] newest = stationNewest;
        for (int i = 0; i < mem.capacity(); i++) {
            if (!mem.used[i] || mem.silentRaised[i] || mem.home[i] == TagMemory.NONE) {
                continue;
            }
            int home = mem.stayStation[i];
            long left = mem.stayLast[i];
            if (home != mem.home[i]
                    || now - left < silentMs
                    || mem.stayLast[i] - mem.stayFirst[i] < homeMs
                    || mem.lastTs[i] > left
                    || home >= newest.length
                    || newest[home] < left + silentMs
                    || !rules.isNight(left)) {
                continue;
            }
            mem.silentRaised[i] = true;
            Station st = stations.apply(home);
            if (st != null) {
                raise.accept(new AlarmCandidate(
                        AlarmType.SILENT,
                        mem.keys[i],
                        home,
                        left,
                        List.of(new Alarm.Recent(st.id(), st.lon(), st.lat(), mem.stayFirst[i], left))));
            }
        }
    }

    /** Stops the thread after the frame in hand (up to 5 s); queued frames are dropped. Idempotent. */
    @Override
    public void close() {
        queue.close();
    }
}
