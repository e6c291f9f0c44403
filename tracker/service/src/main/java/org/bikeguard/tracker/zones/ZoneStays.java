package org.bikeguard.tracker.zones;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Dwell of tags in zones on event time, and the rules' decisions. A stay is a run of reads of one
 * tag at any station of one zone with no gap longer than the sighting gap; its dwell is the time
 * from its first read to its newest. Decisions, each taken once per stay:
 * <ul>
 * <li>building entrance: {@link Hit.Kind#ENTERED} at the stay's first read;</li>
 * <li>fire lane: {@link Hit.Kind#TEXT} when the dwell exceeds the grace, {@link Hit.Kind#FINE}
 * when it exceeds twice the grace (still there a whole grace after the text);</li>
 * <li>corridor: {@link Hit.Kind#FINE} when the dwell exceeds the grace.</li>
 * </ul>
 * A replayed stream gives the same decisions (event time only). Reads a little out of order are
 * merged.
 *
 * <p>Persistence ({@link ZoneStayStore}): a read only updates memory; {@link #dirty} hands out, for
 * a batch write, the stays that opened, were decided, moved on by half a gap since last written,
 * or went quiet for a gap of wall time since; {@link #merge} takes in stays read back from the
 * database (at start, and from other members). Thread-safe: each (zone, tag) is updated atomically
 * in a concurrent map.
 */
final class ZoneStays {

    /** A rule's decision; times epoch ms UTC. */
    record Hit(Kind kind, Zone zone, long tag, String station, long enterMs, long atMs) {
        enum Kind {
            ENTERED("entered"),
            TEXT("text"),
            FINE("fine");

            final String wire;

            Kind(String wire) {
                this.wire = wire;
            }
        }
    }

    /**
     * A stay as stored; times epoch ms UTC, decision times 0 when not decided.
     *
     * @param opened the read that opened the stay (its key)
     * @param enter the earliest read
     * @param last the newest read
     */
    record Snapshot(
            String zone,
            long tag,
            long opened,
            long enter,
            long last,
            String station,
            long alerted,
            long texted,
            long fined) {}

    private record Key(String zone, long tag) {}

    private static final class Stay {
        long opened;
        long enter;
        long last;
        long touched;
        String station;
        long alerted;
        long texted;
        long fined;
        /** {@code last} as last written; -1 when never written. */
        long writtenLast = -1;
        /** A decision not yet written. */
        boolean changed;

        Snapshot snapshot(Key k) {
            return new Snapshot(k.zone, k.tag, opened, enter, last, station, alerted, texted, fined);
        }
    }

    private final long gapMs;
    private final ConcurrentHashMap<Key, Stay> stays = new ConcurrentHashMap<>();
    /** Stays replaced by a newer one or purged before their last state was written. */
    private final ConcurrentLinkedQueue<Snapshot> retired = new ConcurrentLinkedQueue<>();

    /** @param gapMs longest time between reads of one stay (the sighting gap) */
    ZoneStays(long gapMs) {
        this.gapMs = gapMs;
    }

    /**
     * One read of {@code tag} at {@code station} of {@code zone}.
     *
     * @param ts        the read's time, epoch ms UTC
     * @param wallNowMs the tracker clock (for {@link #purge} and {@link #dirty})
     * @return the decisions this read took (usually none)
     */
    List<Hit> onRead(Zone zone, long tag, String station, long ts, long wallNowMs) {
        List<Hit> hits = new ArrayList<>(1);
        Key key = new Key(zone.id(), tag);
        stays.compute(key, (k, s) -> {
            if (s == null || ts > s.last + gapMs || ts < s.enter - gapMs) {
                if (s != null && s.last != s.writtenLast) {
                    retired.add(s.snapshot(k));
                }
                s = new Stay();
                s.opened = ts;
                s.enter = ts;
                s.last = ts;
                s.station = station;
                s.changed = true;
            } else {
                s.enter = Math.min(s.enter, ts);
                s.last = Math.max(s.last, ts);
            }
            s.touched = wallNowMs;
            decide(zone, tag, station, s, hits);
            return s;
        });
        return hits;
    }

    private static void decide(Zone z, long tag, String station, Stay s, List<Hit> hits) {
        long dwell = s.last - s.enter;
        long grace = z.graceS() * 1000L;
        switch (z.kind()) {
            case BUILDING_ENTRANCE -> {
                if (s.alerted == 0) {
                    s.alerted = s.enter;
                    s.changed = true;
                    hits.add(new Hit(Hit.Kind.ENTERED, z, tag, station, s.enter, s.last));
                }
            }
            case FIRE_LANE -> {
                if (s.texted == 0 && dwell > grace) {
                    s.texted = s.last;
                    s.changed = true;
                    hits.add(new Hit(Hit.Kind.TEXT, z, tag, station, s.enter, s.last));
                }
                if (s.fined == 0 && dwell > 2 * grace) {
                    s.fined = s.last;
                    s.changed = true;
                    hits.add(new Hit(Hit.Kind.FINE, z, tag, station, s.enter, s.last));
                }
            }
            case CORRIDOR -> {
                if (s.fined == 0 && dwell > grace) {
                    s.fined = s.last;
                    s.changed = true;
                    hits.add(new Hit(Hit.Kind.FINE, z, tag, station, s.enter, s.last));
                }
            }
        }
    }

    /**
     * The stays to write now, marked written: opened or decided since the last call, newest read
     * half a gap past the one written, or a newest read not written and no read for a gap of wall
     * time; plus the retired ones. Cost: one pass over the open stays (only tags in zones).
     */
    List<Snapshot> dirty(long wallNowMs) {
        List<Snapshot> out = new ArrayList<>();
        for (Snapshot r; (r = retired.poll()) != null; ) {
            out.add(r);
        }
        for (Key k : stays.keySet()) {
            stays.computeIfPresent(k, (kk, s) -> {
                boolean moved = s.last != s.writtenLast
                        && (s.last - s.writtenLast >= gapMs / 2 || wallNowMs - s.touched >= gapMs);
                if (s.changed || moved) {
                    s.changed = false;
                    s.writtenLast = s.last;
                    out.add(s.snapshot(kk));
                }
                return s;
            });
        }
        return out;
    }

    /** Hands a batch whose write failed to the next {@link #dirty}. */
    void retry(List<Snapshot> batch) {
        retired.addAll(batch);
    }

    /**
     * Takes in stays read from the database: a stay unknown here is added (as written); the same
     * stay (same opening read) takes the earlier enter, the later last read and every decision; a
     * stored stay that ended within a gap before the one here began (another member read the tag
     * until its station moved here) lends it its enter and decisions; any other replaces the one
     * here only when its newest read is later (the one here goes to the next {@link #dirty} first
     * when its last state was not written).
     */
    void merge(List<Snapshot> stored, long wallNowMs) {
        for (Snapshot r : stored) {
            stays.compute(new Key(r.zone(), r.tag()), (k, s) -> {
                if (s != null && s.opened != r.opened() && r.enter() < s.enter && r.last() + gapMs >= s.enter) {
                    // the stored stay ran on into this one (its station moved here): one dwell
                    s.enter = r.enter();
                    s.alerted = s.alerted != 0 ? s.alerted : r.alerted();
                    s.texted = s.texted != 0 ? s.texted : r.texted();
                    s.fined = s.fined != 0 ? s.fined : r.fined();
                    s.changed = true;
                    return s;
                }
                if (s != null && s.opened != r.opened() && s.last >= r.last()) {
                    return s;
                }
                if (s == null || s.opened != r.opened()) {
                    if (s != null && (s.changed || s.last != s.writtenLast)) {
                        // its last state was never written: the next dirty writes it, so its row is not lost
                        retired.add(s.snapshot(k));
                    }
                    s = new Stay();
                    s.opened = r.opened();
                    s.enter = r.enter();
                    s.last = r.last();
                    s.writtenLast = r.last();
                    s.station = r.station();
                    s.touched = wallNowMs;
                }
                s.enter = Math.min(s.enter, r.enter());
                if (r.last() > s.last) {
                    s.last = r.last();
                    s.writtenLast = r.last();
                    s.touched = wallNowMs;
                }
                s.alerted = s.alerted != 0 ? s.alerted : r.alerted();
                s.texted = s.texted != 0 ? s.texted : r.texted();
                s.fined = s.fined != 0 ? s.fined : r.fined();
                return s;
            });
        }
    }

    /**
     * Forgets stays not read for {@code idleMs} of wall time (those whose last read was not
     * written yet go to the next {@link #dirty}); returns how many remain.
     */
    int purge(long wallNowMs, long idleMs) {
        stays.entrySet().removeIf(e -> {
            Stay s = e.getValue();
            if (wallNowMs - s.touched <= idleMs) {
                return false;
            }
            if (s.last != s.writtenLast || s.changed) {
                retired.add(s.snapshot(e.getKey()));
            }
            return true;
        });
        return stays.size();
    }
}
