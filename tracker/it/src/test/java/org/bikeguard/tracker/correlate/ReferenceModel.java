package org.bikeguard.tracker.correlate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately simple, object-per-sighting model of the read-application rule documented on
 * {@link SightingBucket}, used as the oracle in randomized tests. Not thread-safe.
 */
final class ReferenceModel {
    private static final long OPEN = Long.MIN_VALUE;
    private static final long PENDING = -1;

    private static final class Rec {
        final long tag;
        final int station;
        long first;
        long last;
        long reads;
        int rssi;
        int flags;
        long epoch;

        Rec(long tag, int station, long ts, int count, int rssi, int flags, long epoch) {
            this.tag = tag;
            this.station = station;
            this.first = ts;
            this.last = ts;
            this.reads = count;
            this.rssi = rssi;
            this.flags = flags;
            this.epoch = epoch;
        }

        void merge(long ts, int count, int r, int f) {
            first = Math.min(first, ts);
            last = Math.max(last, ts);
            reads += count;
            rssi = Math.max(rssi, r);
            flags |= f;
        }

        Sighting toSighting() {
            return new Sighting(tag, station, first, last, reads, rssi, flags, epoch == OPEN);
        }
    }

    /** Per (tag, station): the open record (or null) and closed ones, newest-closed first. */
    private static final class Pair {
        Rec open;
        final List<Rec> closed = new ArrayList<>();
    }

    private record Key(long tag, int station) {}

    private final Map<Key, Pair> pairs = new HashMap<>();
    private final long gap;

    ReferenceModel(long gapMs) {
        this.gap = gapMs;
    }

    void apply(long tag, int station, long ts, int count, int rssi, int flags) {
        Pair p = pairs.computeIfAbsent(new Key(tag, station), k -> new Pair());
        Rec o = p.open;
        if (o != null) {
            if (ts > o.last + gap) {
                o.epoch = PENDING;
                p.closed.add(0, o);
                p.open = new Rec(tag, station, ts, count, rssi, flags, OPEN);
            } else if (ts >= o.first - gap) {
                o.merge(ts, count, rssi, flags);
            } else if (!amend(p, ts, count, rssi, flags)) {
                p.closed.add(0, new Rec(tag, station, ts, count, rssi, flags, PENDING));
            }
        } else if (reopen(p, ts)) {
            p.open.merge(ts, count, rssi, flags);
        } else if (!amend(p, ts, count, rssi, flags)) {
            if (!p.closed.isEmpty() && ts < p.closed.get(0).first - gap) {
                p.closed.add(1, new Rec(tag, station, ts, count, rssi, flags, PENDING));
            } else {
                p.open = new Rec(tag, station, ts, count, rssi, flags, OPEN);
            }
        }
    }

    /** With no open sighting: if ts falls in the newest closed one and it is unfrozen, opens it again. */
    private boolean reopen(Pair p, long ts) {
        if (p.closed.isEmpty()) {
            return false;
        }
        Rec f = p.closed.get(0);
        if (f.epoch != PENDING || ts < f.first - gap || ts > f.last + gap) {
            return false;
        }
        p.closed.remove(0);
        f.epoch = OPEN;
        p.open = f;
        return true;
    }

    /** Merges into the first unfrozen closed sighting whose [first - gap, last + gap] holds ts. */
    private boolean amend(Pair p, long ts, int count, int rssi, int flags) {
        for (Rec c : p.closed) {
            if (c.epoch == PENDING && ts >= c.first - gap && ts <= c.last + gap) {
                c.merge(ts, count, rssi, flags);
                return true;
            }
        }
        return false;
    }

    void apply(ReadBatch b) {
        for (int i = 0; i < b.size(); i++) {
            apply(b.tag(i), b.station(i), b.ts(i), b.count(i), b.rssi(i), b.flags(i));
        }
    }

    void sweep(long[] closeBefore) {
        for (Pair p : pairs.values()) {
            Rec o = p.open;
            if (o != null && o.station < closeBefore.length && o.last < closeBefore[o.station]) {
                o.epoch = PENDING;
                p.closed.add(0, o);
                p.open = null;
            }
        }
    }

    /** Freezes pending ones; returns all frozen (closed) sightings. */
    List<Sighting> snapshot(long epoch) {
        List<Sighting> out = new ArrayList<>();
        for (Pair p : pairs.values()) {
            for (Rec c : p.closed) {
                if (c.epoch == PENDING) {
                    c.epoch = epoch;
                }
                out.add(c.toSighting());
            }
        }
        return out;
    }

    void purge(long epoch) {
        for (Pair p : pairs.values()) {
            p.closed.removeIf(c -> c.epoch >= 0 && c.epoch <= epoch);
        }
    }

    /** Every sighting, open and closed. */
    List<Sighting> all() {
        List<Sighting> out = new ArrayList<>();
        for (Pair p : pairs.values()) {
            if (p.open != null) {
                out.add(p.open.toSighting());
            }
            for (Rec c : p.closed) {
                out.add(c.toSighting());
            }
        }
        return out;
    }
}
