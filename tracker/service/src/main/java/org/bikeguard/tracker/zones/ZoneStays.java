package org.bikeguard.tracker.zones;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

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
 * or went quiet for a gap of the tracker's clock since; {@link #merge} takes in stays read back
 * from the database (at start, and from other members), and {@link #takeFirstOpened} tells the
 * read-back how far back a stay opened here may have a stored part to join. {@link #purge} forgets
 * a stay only when both its newest read (event time, from any member's row) and the last news of
 * it here (a read arriving, its row read back) are older than the idle time on the tracker's clock.
 * Thread-safe: each (zone, tag) is updated atomically in a concurrent map.
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
        /** When the newest read here arrived (tracker clock, epoch ms): the quiet rule of {@link #dirty}. */
        long readAt;
        /** When this member last heard of the stay (tracker clock): a read arriving, or its row read back. */
        long heardAt;

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
    /** The earliest first read of the stays opened by reads since {@link #takeFirstOpened}; MAX_VALUE: none. */
    private final AtomicLong firstOpened = new AtomicLong(Long.MAX_VALUE);

    /** @param gapMs longest time between reads of one stay (the sighting gap) */
    ZoneStays(long gapMs) {
        this.gapMs = gapMs;
    }

    /**
     * One read of {@code tag} at {@code station} of {@code zone}.
     *
     * @param ts        the read's time, epoch ms UTC
     * @param nowMs     the read's arrival on the tracker clock, epoch ms (for {@link #purge} and
     *                  {@link #dirty})
     * @return the decisions this read took (usually none)
     */
    List<Hit> onRead(Zone zone, long tag, String station, long ts, long nowMs) {
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
                firstOpened.accumulateAndGet(ts, Math::min);
            } else {
                s.enter = Math.min(s.enter, ts);
                s.last = Math.max(s.last, ts);
            }
            s.readAt = nowMs;
            s.heardAt = Math.max(s.heardAt, nowMs);
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
     * half a gap past the one written, or a newest read not written and no read for a gap of the
     * tracker's clock ({@code nowMs}, epoch ms); plus the retired ones. Cost: one pass over the
     * open stays (only tags in zones).
     */
    List<Snapshot> dirty(long nowMs) {
        List<Snapshot> out = new ArrayList<>();
        for (Snapshot r; (r = retired.poll()) != null; ) {
            out.add(r);
        }
        for (Key k : stays.keySet()) {
            stays.computeIfPresent(k, (kk, s) -> {
                boolean moved =
                        s.last != s.writtenLast && (s.last - s.writtenLast >= gapMs / 2 || nowMs - s.readAt >= gapMs);
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
     * The earliest first read (event time, epoch ms) of the stays that reads opened here since the
     * previous call, {@link Long#MAX_VALUE} when none: the read-back reaches back to it, so a stay
     * whose reads came late (its station was silent, or moved here from another member) finds the
     * stored part it continues.
     */
    long takeFirstOpened() {
        return firstOpened.getAndSet(Long.MAX_VALUE);
    }

    /** Hands back a {@link #takeFirstOpened} whose read-back failed, for the next one. */
    void untakeFirstOpened(long ms) {
        firstOpened.accumulateAndGet(ms, Math::min);
    }

    /**
     * Takes in stays read from the database: a stay unknown here is added (as written); the same
     * stay (same opening read) takes the earlier enter, the later last read and every decision; a
     * stored stay that ended within a gap before the one here began (another member read the tag
     * until its station moved here, or this member read it before a silence and forgot it) lends it
     * its enter and decisions; any other replaces the one here only when its newest read is later
     * (the one here goes to the next {@link #dirty} first when its last state was not written). A
     * stay here whose enter moved earlier is decided again at once, on the zone {@code zones} gives
     * for its id (none: decided at its next read). Every row read refreshes when this member last
     * heard of its stay ({@code nowMs}, tracker clock, epoch ms; see {@link #purge}).
     *
     * @return the decisions the earlier enters took (usually none)
     */
    List<Hit> merge(List<Snapshot> stored, long nowMs, Function<String, Zone> zones) {
        List<Hit> hits = new ArrayList<>(0);
        for (Snapshot r : stored) {
            stays.compute(new Key(r.zone(), r.tag()), (k, s) -> {
                if (s != null && s.opened != r.opened() && r.enter() < s.enter && r.last() + gapMs >= s.enter) {
                    // the stored stay ran on into this one (its reads came here late): one dwell
                    s.enter = r.enter();
                    s.alerted = s.alerted != 0 ? s.alerted : r.alerted();
                    s.texted = s.texted != 0 ? s.texted : r.texted();
                    s.fined = s.fined != 0 ? s.fined : r.fined();
                    s.changed = true;
                    s.heardAt = Math.max(s.heardAt, nowMs);
                    decideAgain(k, s, zones, hits);
                    return s;
                }
                if (s != null && s.opened != r.opened() && s.last >= r.last()) {
                    return s;
                }
                long enter = Long.MAX_VALUE;
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
                    s.readAt = nowMs;
                } else {
                    enter = s.enter;
                }
                s.enter = Math.min(s.enter, r.enter());
                if (r.last() > s.last) {
                    s.last = r.last();
                    s.writtenLast = r.last();
                }
                s.heardAt = Math.max(s.heardAt, nowMs);
                s.alerted = s.alerted != 0 ? s.alerted : r.alerted();
                s.texted = s.texted != 0 ? s.texted : r.texted();
                s.fined = s.fined != 0 ? s.fined : r.fined();
                if (s.enter < enter && enter != Long.MAX_VALUE) {
                    decideAgain(k, s, zones, hits);
                }
                return s;
            });
        }
        return hits;
    }

    private static void decideAgain(Key k, Stay s, Function<String, Zone> zones, List<Hit> hits) {
        Zone z = zones.apply(k.zone());
        if (z != null) {
            decide(z, k.tag(), s.station, s, hits);
        }
    }

    /**
     * Forgets the stays whose newest read (event time) and last news here (a read arriving, its row
     * read back: see {@link #merge}) are both older than {@code idleMs} before {@code nowMs} (the
     * tracker's clock, epoch ms); those whose last state was not written go to the next
     * {@link #dirty}. A stay forgotten too soon is not lost: reads that come later open a new one,
     * which the next read-back joins to the stored one. Returns how many remain.
     */
    int purge(long nowMs, long idleMs) {
        stays.entrySet().removeIf(e -> {
            Stay s = e.getValue();
            if (nowMs - s.last <= idleMs || nowMs - s.heardAt <= idleMs) {
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
