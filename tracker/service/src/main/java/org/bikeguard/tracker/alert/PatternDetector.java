package org.bikeguard.tracker.alert;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.bikeguard.common.worker.SerialWorker;
import org.bikeguard.protocol.Frame;
import org.bikeguard.tracker.ingest.FrameApplier;
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
 * <p><b>Cluster</b>: each tag's rules run on one member, the owner of the tag's partition
 * ({@link TagOwners}). A lone member applies every read itself, as it comes. In a cluster the
 * pattern thread applies the reads of tags this member owns and hands the others to the
 * {@link Forwarder}, which sends them to their owners every {@value #FLUSH_MS} ms (or sooner when
 * many wait) together with the newest read time of each local station; batches from other members
 * arrive through {@link #accept} on the same queue. So a clone across two stations connected to
 * different members is seen by the tag's owner, and each member's silent rule knows when every
 * station in the cluster last heard anything (up to a flush interval late). When ownership
 * changes (a member joins or leaves) the state of a moved tag starts afresh on its new owner: a
 * clone whose two reads straddle the change can be missed, and the new owner learns the tag's
 * home station anew; the old owner forgets the tag at its next sweep, so it raises nothing more
 * for it.
 *
 * <p><b>clone</b>: a read at station B at time t, when the tag's newest read was at station A at
 * time t', with {@code distance(A, B) - radius(A) - radius(B) > maxSpeed * (|t - t'| + skew)}.
 *
 * <p><b>silent</b>: the <i>home station</i> of a tag is the station of its latest stay lasting at
 * least {@link PatternRules#homeStay()} (a bike parked there, typically overnight or at the
 * owner's home). When such a stay ends at night (its last read's local time in the night window)
 * and the tag is then heard nowhere for {@link PatternRules#silentAfter()} while the home station
 * itself goes on hearing other reads (so it is not a station outage), one {@code silent} alarm is
 * raised for that stay. "Now" is the newest event time seen from any station. State is in
 * memory: after a restart a home station is learned anew.
 *
 * <p>Thread-safe entry points {@link #offer} and {@link #accept}; everything else runs on the
 * pattern thread.
 */
final class PatternDetector implements PatternBatch.Receiver, AutoCloseable {

    /** Milliseconds between two flushes of the reads forwarded to other members. */
    static final long FLUSH_MS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(PatternDetector.class);
    private static final long SWEEP_EVERY_NS = Duration.ofSeconds(2).toNanos();
    /** Most estimated heap bytes of the work waiting ({@link IngestBudget#weight} without payload). */
    static final long QUEUE_BYTES = 64L << 20;

    private sealed interface Work permits Local, Remote {}

    private record Local(int stationIdx, Frame frame, long receivedAt) implements Work {}

    private record Remote(PatternBatch batch) implements Work {}

    /** Estimated heap bytes of queued work: a frame's or a forwarded batch's reads. */
    private static long weight(Work w) {
        return IngestBudget.weight(
                0,
                w instanceof Local l ? l.frame().size() : ((Remote) w).batch().size());
    }

    private final PatternRules rules;
    private final IntFunction<Station> stations;
    private final Consumer<AlarmCandidate> raise;
    private final Supplier<TagOwners.Routes> owners;
    private final Forwarder forwarder;
    private final SerialWorker<Work> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedRemote = new AtomicLong();
    private final TagMemory mem = new TagMemory(1 << 16);
    private final double metresPerMs;
    private final long skewMs;
    private TagOwners.Routes routes;
    private long[] stationNewest = new long[1024];
    private long now;
    private long lastSweep = System.nanoTime();

    /** A detector that applies every read itself (a lone member). */
    PatternDetector(
            PatternRules rules, IntFunction<Station> stations, Consumer<AlarmCandidate> raise, int queueFrames) {
        this(rules, stations, raise, queueFrames, null, null);
    }

    /**
     * @param owners    the current view of tag ownership (read once per frame); {@code null}: alone
     * @param forwarder where reads owned by other members go; {@code null} only when {@code owners} is
     */
    PatternDetector(
            PatternRules rules,
            IntFunction<Station> stations,
            Consumer<AlarmCandidate> raise,
            int queueFrames,
            Supplier<TagOwners.Routes> owners,
            Forwarder forwarder) {
        if ((owners == null) != (forwarder == null)) {
            throw new IllegalArgumentException("owners and forwarder go together");
        }
        this.rules = rules;
        this.stations = stations;
        this.raise = raise;
        this.owners = owners;
        this.forwarder = forwarder;
        this.metresPerMs = rules.maxSpeedKmh() / 3600.0;
        this.skewMs = rules.clockSkew().toMillis();
        this.queue = SerialWorker.<Work>named("bikeguard-patterns")
                .capacity(queueFrames)
                .maxWeight(QUEUE_BYTES, PatternDetector::weight)
                .pollInterval(Duration.ofMillis(FLUSH_MS / 2))
                .tick(Duration.ofMillis(FLUSH_MS), this::tickSafely)
                .discardOnClose()
                .stopTimeout(Duration.ofSeconds(5))
                .each(this::applySafely)
                .start();
    }

    /** Hands a new frame over; never blocks (counted as dropped when the queue is full, or after close). */
    void offer(int stationIdx, Frame frame, long receivedAt) {
        if (!queue.offer(new Local(stationIdx, frame, receivedAt))) {
            dropped.incrementAndGet();
        }
    }

    /** Takes a batch forwarded by another member; never blocks; {@code false} when the queue is full or closed. */
    @Override
    public boolean accept(PatternBatch batch) {
        if (queue.offer(new Remote(batch))) {
            return true;
        }
        droppedRemote.incrementAndGet();
        return false;
    }

    /** Frames the rules never saw because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /** Batches from other members refused because the queue was full. */
    long droppedRemote() {
        return droppedRemote.get();
    }

    /** Frames and batches waiting. */
    int pending() {
        return queue.pending();
    }

    private void applySafely(Work w) {
        try {
            if (w instanceof Local l) {
                apply(l);
            } else {
                apply(((Remote) w).batch());
            }
        } catch (RuntimeException e) {
            LOG.error("pattern rules failed", e);
        }
    }

    private void tickSafely() {
        try {
            if (forwarder != null) {
                forwarder.flush();
            }
            if (System.nanoTime() - lastSweep >= SWEEP_EVERY_NS) {
                lastSweep = System.nanoTime();
                sweep();
            }
        } catch (RuntimeException e) {
            LOG.error("pattern rules failed", e);
        }
    }

    /** The current ownership view, retargeting the forwarder when it changed; null when alone. */
    private TagOwners.Routes currentRoutes() {
        if (owners == null) {
            return null;
        }
        TagOwners.Routes r = owners.get();
        if (r != routes) {
            forwarder.retarget(r);
            routes = r;
        }
        return r.lone() ? null : r;
    }

    private void apply(Local w) {
        Frame f = w.frame();
        int s = w.stationIdx();
        TagOwners.Routes r = currentRoutes();
        long limit = w.receivedAt() + FrameApplier.MAX_FUTURE_MS;
        long[] tags = f.tags();
        long[] ts = f.timestamps();
        long newest = 0;
        for (int i = 0; i < tags.length; i++) {
            long t = ts[i];
            if (t > limit) {
                continue;
            }
            int slot = r == null ? 0 : r.slotOf(tags[i]);
            if (slot == 0) {
                read(tags[i], s, t);
            } else {
                forwarder.add(slot, tags[i], s, t);
            }
            newest = Math.max(newest, t);
        }
        if (newest > 0) {
            heard(s, newest);
            if (r != null) {
                forwarder.clock(s, newest);
            }
        }
    }

    private void apply(PatternBatch b) {
        for (int i = 0; i < b.size(); i++) {
            read(b.tag(i), b.station(i), b.time(i));
        }
        for (int i = 0; i < b.clocks(); i++) {
            heard(b.clockStation(i), b.clockTime(i));
        }
    }

    /** Station {@code s} heard a read stamped {@code t}: its clock and "now". */
    private void heard(int s, long t) {
        if (s < 0) {
            return;
        }
        if (s >= stationNewest.length) {
            stationNewest = Arrays.copyOf(stationNewest, Math.max(s + 1, stationNewest.length * 2));
        }
        if (t > stationNewest[s]) {
            stationNewest[s] = t;
        }
        if (t > now) {
            now = t;
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

    /**
     * Forgets the tags this member no longer owns, and looks for tags gone silent after leaving
     * home at night (see class Javadoc).
     */
    private void sweep() {
        long silentMs = rules.silentAfter().toMillis();
        long homeMs = rules.homeStay().toMillis();
        long[] newest = stationNewest;
        TagOwners.Routes r = currentRoutes();
        for (int i = 0; i < mem.capacity(); i++) {
            if (!mem.used[i]) {
                continue;
            }
            if (r != null && !r.owns(mem.keys[i])) {
                mem.forget(i);
                continue;
            }
            if (mem.silentRaised[i] || mem.home[i] == TagMemory.NONE) {
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
