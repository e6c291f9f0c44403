package org.bikeguard.tracker.violation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.trajectory.IsoTimes;

/**
 * The rules of docs/protocol.md section 7 ("How reads become violations") over the passages of tags
 * through intersections: reads go in ({@link #onRead}), violations come out to the sink, at most
 * one per passage; {@link #sweep} ends idle passages (the motor-lane rule). Event times (read
 * timestamps) decide the rules and split passages ({@code gapMs}); arrival times (the tracker's
 * clock) only decide when a passage is over. Not thread-safe: one thread owns it.
 */
final class Passages {

    /**
     * A passage keeps its first read and its newest reads, this many in all (a tag waiting long at a red light or
     * parked in a zone would grow it without end); the evidence is those reads.
     */
    static final int MAX_READS = 64;

    private record Key(long tag, String intersection) {}

    /** One read of a passage. */
    record PassageRead(Zone zone, long ts, int rssi, int count) {}

    private static final class Passage {
        final List<PassageRead> reads = new ArrayList<>();
        long lastTs;
        long lastArrival;
        boolean decided;
        boolean closeChecked;
    }

    private final PhaseBook phases;
    private final java.util.function.ToLongFunction<String> tolerance;
    private final long gapMs;
    private final Consumer<Violation> sink;
    private final Map<Key, Passage> open = new HashMap<>();

    /**
     * @param tolerance the red-light tolerance of an intersection id, ms
     * @param gapMs     the longest gap between two reads of one passage (event time) and the idle time after which a
     *                  passage is over (arrival time), ms
     */
    Passages(
            PhaseBook phases,
            java.util.function.ToLongFunction<String> tolerance,
            long gapMs,
            Consumer<Violation> sink) {
        this.phases = phases;
        this.tolerance = tolerance;
        this.gapMs = gapMs;
        this.sink = sink;
    }

    /** Passages open now. */
    int size() {
        return open.size();
    }

    /** One read of a tag in a zone; {@code arrival} is the tracker's time, epoch ms. */
    void onRead(long tag, Zone zone, long ts, int rssi, int count, long arrival) {
        Key key = new Key(tag, zone.intersection());
        Passage p = open.get(key);
        if (p != null && ts > p.lastTs + gapMs) {
            close(key, p);
            p = null;
        }
        if (p == null) {
            p = new Passage();
            open.put(key, p);
        }
        p.lastArrival = Math.max(p.lastArrival, arrival);
        p.closeChecked = false;
        if (p.decided) {
            p.lastTs = Math.max(p.lastTs, ts);
            return;
        }
        if (p.reads.size() >= MAX_READS) {
            p.reads.remove(1); // the oldest but the first
        }
        PassageRead r = new PassageRead(zone, ts, rssi, count);
        int i = p.reads.size();
        while (i > 0 && p.reads.get(i - 1).ts() > ts) {
            i--;
        }
        p.reads.add(i, r);
        p.lastTs = Math.max(p.lastTs, ts);
        decideOnRead(key, p, r);
    }

    /** Ends the passages idle for {@code gapMs} of arrival time at {@code now}: the motor-lane rule; forgets old ones. */
    void sweep(long now) {
        for (Iterator<Map.Entry<Key, Passage>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Passage> e = it.next();
            Passage p = e.getValue();
            if (!p.decided && !p.closeChecked && now - p.lastArrival >= gapMs) {
                p.closeChecked = true;
                motorLane(e.getKey(), p);
            }
            if (now - p.lastArrival >= 4 * gapMs) {
                it.remove();
            }
        }
    }

    private void close(Key key, Passage p) {
        if (!p.decided) {
            motorLane(key, p);
        }
        open.remove(key);
    }

    private void decideOnRead(Key key, Passage p, PassageRead r) {
        if (r.zone().exit()) {
            // red light: the last stop-line read of the same approach before this exit read
            PassageRead stop = null;
            for (PassageRead q : p.reads) {
                if (q.ts() >= r.ts()) {
                    break;
                }
                if (!q.zone().exit() && q.zone().approach().equals(r.zone().approach())) {
                    stop = q;
                }
            }
            if (stop != null) {
                long tol = tolerance.applyAsLong(key.intersection());
                String movement = r.zone().signalMovement();
                Phase red = phases.redThroughout(key.intersection(), movement, stop.ts() - tol, r.ts());
                if (red != null) {
                    double margin = stop.ts() - tol - red.since();
                    double c = 0.75 + 0.25 * Math.min(1, Math.max(0, margin) / 5_000.0);
                    if (!"controller".equals(red.source())) {
                        c *= 0.95;
                    }
                    JsonObject ev = evidence(p)
                            .put("toleranceMs", tol)
                            .put("phase", phase(movement, red))
                            .put(
                                    "crossing",
                                    new JsonObject()
                                            .put("lastStopLine", IsoTimes.format(stop.ts()))
                                            .put("firstExit", IsoTimes.format(r.ts())));
                    emit(key, p, ViolationKind.RED_LIGHT, r.ts(), c, ev);
                    return;
                }
            }
        }
        // wrong way: entered through an outbound zone, then a later zone meant for inbound traffic
        PassageRead first = p.reads.get(0);
        if (!first.zone().inbound() && r.zone().inbound() && r.ts() > first.ts()) {
            PassageRead firstIn = null;
            int involved = 0;
            for (PassageRead q : p.reads) {
                if (q.zone().equals(r.zone()) && firstIn == null) {
                    firstIn = q;
                }
                if (q.zone().equals(r.zone()) || q.zone().equals(first.zone())) {
                    involved++;
                }
            }
            double c = Math.min(0.99, 0.6 + 0.1 * involved);
            emit(
                    key,
                    p,
                    ViolationKind.WRONG_WAY,
                    Objects.requireNonNull(firstIn).ts(),
                    c,
                    evidence(p));
        }
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
        sink.accept(new Violation(key.tag(), kind, key.intersection(), at, confidence, evidence, p.lastTs));
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
