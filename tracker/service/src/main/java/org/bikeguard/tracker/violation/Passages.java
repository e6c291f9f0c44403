package org.bikeguard.tracker.violation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * The rules of docs/protocol.md section 7 ("How reads become violations") over the passages of tags
 * through intersections: reads go in ({@link #onRead}), violations come out to the sink, at most
 * one per passage. A passage is decided on a positive event: its crossing (an exit read after a
 * stop-line read: all three rules are decided then) or the read that proves a red light or a wrong
 * way; later reads of the tag there (within the gap) join the decided passage and raise nothing
 * more, except that a passage decided clean may still prove a red light when the stop-line or exit
 * read that shows it arrives late. Only a passage that never crosses is ended by idleness
 * ({@link #sweep}, the tracker's time). Event times (read timestamps) decide the rules and split
 * passages; arrival times only end passages that never cross. A rider waiting at red keeps its passage
 * open until its approach's green; a passage that raised a violation is remembered after it is let go
 * ({@link DecidedPassages}), so a station's frames arriving minutes late do not raise the ride again.
 * Not thread-safe: one thread owns it.
 */
final class Passages {

    /**
     * A passage keeps its first read and its newest reads, this many in all (a tag waiting long at a red light or
     * parked in a zone would grow it without end); the evidence is those reads.
     */
    static final int MAX_READS = 64;

    /**
     * The box of an intersection has no zone: a read of the other role than the passage's newest read (stop line →
     * exit, or exit → stop line for a wrong-way rider) still belongs to an undecided passage up to this many gaps
     * after its newest read (a slow rider crossing, two missed beacons, a station's frame arriving late). An
     * undecided passage is ended by idleness only after as many gaps of the tracker's time.
     */
    static final int CROSSING_GAPS = 3;

    /**
     * Reads of two stations less than this apart may be one beacon (tags beacon about every 2 s; the clocks of an
     * intersection's stations differ by some hundred ms): the wrong-way rule wants its inbound read later than this
     * after the passage's first (outbound) read, ms.
     */
    static final long SAME_BEACON_MS = 1_000;

    /**
     * The longest wait at a red light a passage allows for: a rider last heard at the stop line while its approach is
     * red may be heard next at the exit this long after, plus {@link #CROSSING_GAPS} gaps (the movement's green may be
     * unknown: a controller's newest phase holds until its next message), ms.
     */
    static final long MAX_WAIT_MS = 180_000;

    private record Key(long tag, String intersection) {}

    /** One read of a passage. */
    record PassageRead(Zone zone, long ts, int rssi, int count) {}

    private static final class Passage {
        final List<PassageRead> reads = new ArrayList<>();
        long firstTs;
        long lastTs;
        /** {@link #waitUntil} as last computed, for {@link #waitFor} (the passage's {@code lastTs} then). */
        long waitUntil;

        long waitFor = Long.MIN_VALUE;

        long lastArrival;
        /** Arrival of the newest read to arrive (not the newest by timestamp). */
        long arrival;
        /** The rules are decided (crossing seen, a violation raised, or ended by idleness). */
        boolean decided;
        /** A violation was raised: later reads only extend the passage. */
        boolean raised;
        /** The red-light rule has seen an exit read of the stop line's own approach (its exact movement). */
        boolean ownExit;
    }

    private final PhaseBook phases;
    private final java.util.function.ToLongFunction<String> tolerance;
    private final BiFunction<String, String, List<String>> movements;
    private final long gapMs;
    private final Consumer<Violation> sink;
    /** The passages of a tag at an intersection, oldest first: one, or more when reads arrive very late. */
    private final Map<Key, List<Passage>> open = new HashMap<>();

    private final DecidedPassages decided;

    /** Without the intersections' movements: a crossing seen only by another approach's exit antenna proves no red light. */
    Passages(
            PhaseBook phases,
            java.util.function.ToLongFunction<String> tolerance,
            long gapMs,
            Consumer<Violation> sink) {
        this(phases, tolerance, (x, a) -> List.of(), gapMs, sink);
    }

    /**
     * @param tolerance the red-light tolerance of an intersection id, ms
     * @param movements the signal movements of the exit zones of an approach ({@code intersection, approach}), for
     *                  a crossing seen first by another approach's exit antenna (the same stretch of road is the exit
     *                  zone of several approaches)
     * @param gapMs     the longest gap between two reads of one passage (event time), ms; see {@link #CROSSING_GAPS}
     */
    Passages(
            PhaseBook phases,
            java.util.function.ToLongFunction<String> tolerance,
            BiFunction<String, String, List<String>> movements,
            long gapMs,
            Consumer<Violation> sink) {
        this.phases = phases;
        this.tolerance = tolerance;
        this.movements = movements;
        this.gapMs = gapMs;
        this.sink = sink;
        this.decided = new DecidedPassages(CROSSING_GAPS * gapMs, gapMs);
    }

    /** Tags with a passage open now. */
    int size() {
        return open.size();
    }

    /** One read of a tag in a zone; {@code arrival} is the tracker's time, epoch ms. */
    void onRead(long tag, Zone zone, long ts, int rssi, int count, long arrival) {
        Key key = new Key(tag, zone.intersection());
        List<Passage> ps = open.get(key);
        Passage p = null;
        for (int i = ps == null ? -1 : ps.size() - 1; i >= 0 && p == null; i--) {
            if (joins(ps.get(i), zone, ts)) {
                p = ps.get(i);
            }
        }
        if (p == null && decided.meets(tag, key.intersection(), ts, ts)) {
            return; // a late read of a passage decided and let go: it raises nothing
        }
        if (ps == null) {
            ps = new ArrayList<>(1);
            open.put(key, ps);
        }
        if (p == null) {
            p = new Passage();
            p.firstTs = ts;
            int at = ps.size();
            while (at > 0 && ps.get(at - 1).firstTs > ts) {
                at--; // a read arriving very late: a passage of its own, not the end of a newer one
            }
            if (at == ps.size()) {
                for (Passage q : ps) { // the tag has moved on: the passages before it never crossed
                    end(key, q);
                    remember(key, q, arrival);
                }
                ps.clear();
                at = 0;
            }
            ps.add(at, p);
        }
        p.firstTs = Math.min(p.firstTs, ts);
        p.lastArrival = Math.max(p.lastArrival, arrival);
        p.arrival = arrival;
        if (p.raised) {
            p.lastTs = Math.max(p.lastTs, ts);
            return;
        }
        if (p.reads.size() >= MAX_READS) {
            p.reads.remove(1); // the oldest but the first
        }
        PassageRead r = new PassageRead(zone, ts, rssi, count);
        boolean late = !p.reads.isEmpty() && ts < p.lastTs;
        int i = p.reads.size();
        while (i > 0 && p.reads.get(i - 1).ts() > ts) {
            i--;
        }
        p.reads.add(i, r);
        p.lastTs = Math.max(p.lastTs, ts);
        if (p.decided) {
            if (late || (zone.exit() && !p.ownExit)) {
                redLight(key, p, r); // a late read, or the first exit read giving the exact movement
            }
        } else {
            decide(key, p, r);
        }
    }

    /**
     * Whether a read at {@code ts} in {@code zone} belongs to the open passage {@code p}: within the gap of its reads,
     * or, before its crossing, a read of the other role (stop line, exit) up to {@link #CROSSING_GAPS} gaps after its
     * newest read or after the red light its rider waits at ({@link #waitUntil}); not a read more than that
     * before its first read (frames of a station that was cut off, arriving long after).
     */
    private boolean joins(Passage p, Zone zone, long ts) {
        if (ts < p.firstTs - CROSSING_GAPS * gapMs) {
            return false;
        }
        if (ts <= p.lastTs + gapMs) {
            return true;
        }
        if (p.decided || p.reads.isEmpty()) {
            return false;
        }
        PassageRead newest = p.reads.get(p.reads.size() - 1);
        long waited = waitUntil(zone.intersection(), p);
        return newest.zone().exit() != zone.exit() ? ts <= waited + CROSSING_GAPS * gapMs : ts <= waited + gapMs;
    }

    /**
     * When a rider last heard at a stop line may go on: the first green of its approach's movements after the newest
     * read (at most {@link #MAX_WAIT_MS} after it), or the newest read's time when a movement is green or nothing is
     * known of the signals.
     */
    private long waitUntil(String intersection, Passage p) {
        if (p.decided || p.reads.isEmpty()) {
            return p.lastTs;
        }
        if (p.waitFor != p.lastTs) { // computed only when needed (a read beyond the gap, an idle sweep), then kept
            p.waitUntil = computeWaitUntil(intersection, p);
            p.waitFor = p.lastTs;
        }
        return p.waitUntil;
    }

    private long computeWaitUntil(String intersection, Passage p) {
        PassageRead newest = p.reads.get(p.reads.size() - 1);
        if (newest.zone().exit() || newest.ts() < p.lastTs) {
            return p.lastTs;
        }
        List<String> ms = movements.apply(intersection, newest.zone().approach());
        if (ms.isEmpty()) {
            return p.lastTs;
        }
        long cap = p.lastTs + MAX_WAIT_MS;
        long go = cap;
        for (String m : ms) {
            Phase ph = phases.at(intersection, m, p.lastTs);
            for (int step = 0; ph.state() != SignalState.GREEN && ph.until() < cap && step < 8; step++) {
                if (ph.state() == SignalState.UNKNOWN) {
                    return p.lastTs;
                }
                ph = phases.at(intersection, m, ph.until());
            }
            go = Math.min(go, ph.state() == SignalState.GREEN ? ph.since() : cap);
        }
        return Math.max(p.lastTs, go);
    }

    /**
     * Ends the undecided passages idle for {@link #CROSSING_GAPS} gaps of arrival time at {@code now} (they never
     * crossed: the motor-lane rule decides them); lets go of decided ones idle for a gap more, remembering the spans
     * of those that raised a violation ({@link DecidedPassages}) so that reads arriving very late join them.
     */
    void sweep(long now) {
        decided.expire(now);
        for (Iterator<Map.Entry<Key, List<Passage>>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, List<Passage>> e = it.next();
            List<Passage> ps = e.getValue();
            for (Iterator<Passage> pi = ps.iterator(); pi.hasNext(); ) {
                Passage p = pi.next();
                long idle = now - p.lastArrival;
                if (!p.decided
                        && idle >= CROSSING_GAPS * gapMs
                        && idle - (waitUntil(e.getKey().intersection(), p) - p.lastTs)
                                >= CROSSING_GAPS * gapMs) { // a wait at red is not idleness
                    end(e.getKey(), p);
                }
                if (p.decided && idle >= (CROSSING_GAPS + 1) * gapMs) {
                    pi.remove();
                    remember(e.getKey(), p, now);
                }
            }
            if (ps.isEmpty()) {
                it.remove();
            }
        }
    }

    /**
     * A passage that raised a violation is remembered when let go: its late reads must not raise it again. One
     * decided without a violation is not: late reads that prove one (a red light, a wrong way) make their own passage.
     */
    private void remember(Key key, Passage p, long now) {
        if (p.raised) {
            decided.add(key.tag(), key.intersection(), p.firstTs, p.lastTs, now);
        }
    }

    /** Ends a passage that never crossed: the motor-lane rule decides it. */
    private void end(Key key, Passage p) {
        if (!p.decided) {
            p.decided = true;
            motorLane(key, p);
        }
    }

    /** An undecided passage after read {@code r}: red light, wrong way, then the crossing decides motor lane. */
    private void decide(Key key, Passage p, PassageRead r) {
        if (redLight(key, p, r)) {
            return;
        }
        // wrong way: entered through an outbound zone, then a later zone meant for inbound traffic
        PassageRead first = p.reads.get(0);
        if (!first.zone().inbound()) {
            PassageRead firstIn = null;
            for (PassageRead q : p.reads) {
                if (q.zone().inbound() && q.ts() > first.ts() + SAME_BEACON_MS) {
                    firstIn = q;
                    break;
                }
            }
            if (firstIn != null) {
                int involved = 0;
                for (PassageRead q : p.reads) {
                    if (q.zone().equals(firstIn.zone()) || q.zone().equals(first.zone())) {
                        involved++;
                    }
                }
                double c = Math.min(0.99, 0.6 + 0.1 * involved);
                emit(key, p, ViolationKind.WRONG_WAY, firstIn.ts(), c, evidence(p));
                return;
            }
        }
        // the crossing: an exit read after a stop-line read
        boolean stop = false;
        for (PassageRead q : p.reads) {
            if (!q.zone().exit()) {
                stop = true;
            } else if (stop) {
                p.decided = true;
                motorLane(key, p);
                return;
            }
        }
    }

    /**
     * The red-light rule for read {@code r}: an exit read is checked against the last stop-line read before it; a
     * stop-line read arriving late against the first exit read after it. True when a violation was raised.
     */
    private boolean redLight(Key key, Passage p, PassageRead r) {
        if (!p.reads.get(0).zone().inbound()) {
            return false; // entered where traffic leaves: the wrong-way rule's passage, not a crossing from a stop line
        }
        PassageRead exit = r.zone().exit() ? r : null;
        if (exit == null) { // a stop-line read arriving late: the first exit read after it
            for (PassageRead q : p.reads) {
                if (q.ts() > r.ts() && q.zone().exit()) {
                    exit = q;
                    break;
                }
            }
            if (exit == null) {
                return false;
            }
        }
        PassageRead stop = null; // the last stop-line read before the exit read
        for (PassageRead q : p.reads) {
            if (q.ts() >= exit.ts()) {
                break;
            }
            if (!q.zone().exit()) {
                stop = q;
            }
        }
        if (stop == null) {
            return false;
        }
        String x = key.intersection();
        long tol = tolerance.applyAsLong(x);
        long from = stop.ts() - tol;
        String movement;
        Phase red;
        List<String> inferred = null;
        if (exit.zone().approach().equals(stop.zone().approach())) {
            p.ownExit = true;
            movement = exit.zone().signalMovement();
            red = phases.redThroughout(x, movement, from, exit.ts() + tol);
        } else {
            // the exit zone as another approach's antenna hears it: the movement is not known, so every movement of
            // the stop line's approach must have been red
            inferred = movements.apply(x, stop.zone().approach());
            movement = null;
            red = null;
            for (String m : inferred) {
                Phase ph = phases.redThroughout(x, m, from, exit.ts() + tol);
                if (ph == null) {
                    red = null;
                    break;
                }
                if (red == null || ph.since() > red.since()) {
                    red = ph;
                    movement = m;
                }
            }
        }
        if (red == null) {
            return false;
        }
        double margin = from - red.since();
        double c = 0.75 + 0.25 * Math.min(1, Math.max(0, margin) / 5_000.0);
        if (!"controller".equals(red.source())) {
            c *= 0.95;
        }
        JsonObject phase = phase(movement, red);
        if (inferred != null) {
            phase.put("movements", new JsonArray(List.copyOf(inferred)));
        }
        JsonObject ev = evidence(p)
                .put("toleranceMs", tol)
                .put("phase", phase)
                .put(
                        "crossing",
                        new JsonObject()
                                .put("lastStopLine", IsoTimes.format(stop.ts()))
                                .put("firstExit", IsoTimes.format(exit.ts())));
        emit(key, p, ViolationKind.RED_LIGHT, exit.ts(), c, ev);
        return true;
    }

    private void motorLane(Key key, Passage p) {
        Map<Zone, long[]> weight = new HashMap<>(); // zone -> {sum of counts, best rssi, first ts}
        long total = 0;
        for (PassageRead q : p.reads) {
            long[] w = weight.computeIfAbsent(q.zone(), z -> new long[] {0, Long.MIN_VALUE, q.ts()});
            w[0] += q.count();
            w[1] = Math.max(w[1], q.rssi());
            total += q.count();
        }
        Zone best = null;
        long[] bw = null;
        for (Map.Entry<Zone, long[]> e : weight.entrySet()) {
            long[] w = e.getValue();
            if (bw == null || w[0] > bw[0] || (w[0] == bw[0] && w[1] > bw[1])) {
                best = e.getKey();
                bw = w;
            }
        }
        if (best != null && best.motor()) {
            double share = (double) bw[0] / total;
            double c = Math.min(0.99, share * (p.reads.size() >= 3 ? 1.0 : 0.9));
            emit(key, p, ViolationKind.MOTOR_LANE, bw[2], c, evidence(p).put("dominantZone", best.label()));
        }
    }

    private void emit(Key key, Passage p, ViolationKind kind, long at, double confidence, JsonObject evidence) {
        p.decided = true;
        p.raised = true;
        // late reads of a ride raised already (their station cut off) that began a passage before its first read
        if (!decided.meets(key.tag(), key.intersection(), p.firstTs, p.lastTs)) {
            sink.accept(
                    new Violation(key.tag(), kind, key.intersection(), at, confidence, evidence, p.lastTs, p.arrival));
        }
        p.reads.clear(); // decided: the evidence holds them
    }

    private static JsonObject evidence(Passage p) {
        JsonArray reads = new JsonArray();
        for (PassageRead q : p.reads) {
            reads.add(new JsonObject()
                    .put("station", q.zone().station())
                    .put("antenna", q.zone().antenna())
                    .put("zone", q.zone().label())
                    .put("lane", q.zone().lane())
                    .put("rssi", q.rssi())
                    .put("count", q.count())
                    .put("ts", IsoTimes.format(q.ts())));
        }
        return new JsonObject().put("reads", reads);
    }

    private static JsonObject phase(String movement, Phase red) {
        return new JsonObject()
                .put("movement", movement)
                .put("state", red.state().wire())
                .put("since", red.since() == Long.MIN_VALUE ? null : IsoTimes.format(red.since()))
                .put("until", red.until() == Long.MAX_VALUE ? null : IsoTimes.format(red.until()))
                .put("source", red.source());
    }

    /** For tests and logs. */
    static String describe(Violation v) {
        return v.kind().wire() + " " + TagIds.format(v.tag()) + " at " + v.intersection() + " "
                + IsoTimes.format(v.at());
    }
}
