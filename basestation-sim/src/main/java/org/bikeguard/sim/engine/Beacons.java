package org.bikeguard.sim.engine;

import java.util.SplittableRandom;
import org.bikeguard.protocol.ReadFlags;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.city.Bikes;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.Junctions;
import org.bikeguard.sim.city.NoGoZones;
import org.bikeguard.sim.city.Stations;
import org.bikeguard.sim.movement.BeaconWheel;
import org.bikeguard.sim.radio.RadioModel;
import org.bikeguard.sim.truth.TruthWriter;

/**
 * The radio layer: every beacon of every tag that matters (moving, or parked within some
 * station's radius) is simulated; a tag parked out of every station's reach sleeps until its
 * bike moves. At each beacon the stations covering the tag are found through the station grid
 * (only when the tag has moved), each decides by {@link RadioModel} whether it heard it, and a
 * heard beacon becomes a raw entry or is added to the (tag, station, interval) aggregate. A
 * presence ends at the first beacon outside the station's radius; it is then written to the
 * ground truth as a {@code visit} if the station sent any read of it, and, at the reader of a
 * no-go zone, also as a {@code zone_dwell}.
 *
 * <p>Entry times are station clock: true time plus the station's skew. Units: epoch ms UTC,
 * metres, dBm. Not thread-safe: the simulation thread only.
 */
final class Beacons implements Fleet.Listener {
    private final Stations stations;
    private final NoGoZones zones;
    private final Junctions junctions;
    private final Fleet fleet;
    private final Outbox outbox;
    private final TruthWriter truth;
    private final SplittableRandom rnd;
    private final boolean aggregated;
    private final long intervalMs;
    private final Emitters em;
    private final Presences pres;
    private final BeaconWheel wheel = new BeaconWheel();
    private final int[] extra;
    private final int[] coverS;
    private final double[] coverD;
    private final double[] pos = new double[2];
    /** Time between wake-ups of a stationary tag within reach, ms (about three beacons). */
    static final long BATCH_MS = 6_000;
    /**
     * Truth-only mode: no entries reach the outbox, and a stationary tag within reach sleeps
     * (flagged as filed, wake time {@link Long#MAX_VALUE}, not in the wheel) until an event
     * {@link #catchUp catches up} its beacons in bulk.
     */
    private final boolean truthOnly;
    /** Below this variance (k p (1 - p)) bulk reads are drawn beacon by beacon, not by the normal approximation. */
    private static final double EXACT_BELOW_VARIANCE = 20;

    private int[] batch = new int[1024];
    private long beacons;
    private long reads;
    private long visits;

    Beacons(
            City city,
            Fleet fleet,
            Outbox outbox,
            TruthWriter truth,
            SplittableRandom rnd,
            boolean aggregated,
            long intervalMs,
            boolean truthOnly) {
        this.truthOnly = truthOnly;
        this.stations = city.stations();
        this.zones = city.zones();
        this.junctions = new Junctions(city);
        this.fleet = fleet;
        this.outbox = outbox;
        this.truth = truth;
        this.rnd = rnd;
        this.aggregated = aggregated;
        this.intervalMs = intervalMs;
        int n = city.bikes().count();
        this.em = new Emitters(n + 16);
        this.pres = new Presences(Math.max(1024, n / 4));
        this.extra = new int[n];
        java.util.Arrays.fill(extra, -1);
        this.coverS = new int[stations.maxCover()];
        this.coverD = new double[stations.maxCover()];
        Bikes bikes = city.bikes();
        for (int b = 0; b < n; b++) {
            boolean low = Math.floorMod(bikes.tag(b) * 0x9E3779B97F4A7C15L >>> 40, 100) == 0;
            em.add(bikes.tag(b), b, b, low ? ReadFlags.LOW_BATTERY : 0, false);
        }
    }

    /** Files every tag for a first beacon within [t, t + beacon interval). */
    void init(long t) {
        for (int e = 0; e < em.count(); e++) {
            long first = t + rnd.nextLong(RadioModel.BEACON_MS);
            file(e, first, first);
        }
    }

    /** Files emitter {@code e}: next beacon at {@code beacon}, woken at {@code wake}. */
    private void file(int e, long beacon, long wake) {
        em.setNextBeacon(e, beacon);
        em.setWakeAt(e, wake);
        em.setInWheel(e, true);
        wheel.add(e, wake);
    }

    /** Processes the wake-ups due in the wheel slot starting at {@code slotStart}. */
    void step(long slotStart) {
        batch = wheel.take(slotStart, batch);
        int n = wheel.lastTaken();
        for (int i = 0; i < n; i++) {
            int e = batch[i];
            long w = em.wakeAt(e);
            if (em.inWheel(e) && w >= slotStart && w < slotStart + BeaconWheel.SLOT_MS) {
                wakeUp(e, w);
            }
        }
    }

    /**
     * One wake-up. A moving tag (or one whose coverage must be recomputed) handles its one due
     * beacon and is filed for the next. A stationary tag within some station's reach handles
     * every beacon up to {@code w} and is filed {@value #BATCH_MS} ms later: the same beacons,
     * fewer wake-ups (each costs cache misses); a tag out of every reach sleeps until its bike
     * moves. Events that change a stationary tag first {@link #catchUp} its beacons.
     */
    private void wakeUp(int e, long w) {
        em.setInWheel(e, false);
        if (!em.active(e)) {
            closeAll(e);
            return;
        }
        if (em.stationary(e)) {
            long t = em.nextBeacon(e);
            while (t <= w) {
                stationaryBeacon(e, t);
                t += RadioModel.nextInterval(rnd);
            }
            em.setNextBeacon(e, t);
        } else {
            long t = em.nextBeacon(e);
            beacons++;
            locate(e, em.carrier(e), t);
            for (int p = em.presHead(e); p >= 0; p = pres.next(p)) {
                pres.setLast(p, t);
                if (rnd.nextFloat() < pres.prob(p)) {
                    read(e, p, t);
                }
            }
            em.setNextBeacon(e, t + RadioModel.nextInterval(rnd));
        }
        if (em.stationary(e)) {
            if (em.presHead(e) >= 0) {
                long next = em.nextBeacon(e);
                if (truthOnly) {
                    em.setWakeAt(e, Long.MAX_VALUE); // asleep within reach: catchUp draws its reads
                    em.setInWheel(e, true);
                    return;
                }
                file(e, next, next + BATCH_MS);
            }
            return; // parked out of every station's reach: sleeps until its bike moves
        }
        file(e, em.nextBeacon(e), em.nextBeacon(e));
    }

    private void stationaryBeacon(int e, long t) {
        beacons++;
        for (int p = em.presHead(e); p >= 0; p = pres.next(p)) {
            pres.setLast(p, t);
            if (rnd.nextFloat() < pres.prob(p)) {
                read(e, p, t);
            }
        }
    }

    /** Handles a stationary, filed tag's beacons before {@code t}, ahead of its wake-up. */
    private void catchUp(int e, long t) {
        if (!em.stationary(e) || !em.inWheel(e) || !em.active(e)) {
            return;
        }
        long b = em.nextBeacon(e);
        if (truthOnly) {
            b = bulkBeacons(e, b, t);
        }
        while (b < t) {
            stationaryBeacon(e, b);
            b += RadioModel.nextInterval(rnd);
        }
        em.setNextBeacon(e, b);
    }

    /**
     * Truth-only mode: the beacons of stationary emitter {@code e} from {@code b} on, all but the
     * last two before {@code t}, spaced exactly {@link RadioModel#BEACON_MS} apart: each presence's
     * reads are drawn at once (binomial; by its normal approximation when the variance is at least
     * {@value #EXACT_BELOW_VARIANCE}) and its last beacon set. Returns the next beacon's time.
     */
    private long bulkBeacons(int e, long b, long t) {
        long k = (t - b) / RadioModel.BEACON_MS - 1;
        if (k <= 0) {
            return b;
        }
        beacons += k;
        long last = b + (k - 1) * RadioModel.BEACON_MS;
        for (int p = em.presHead(e); p >= 0; p = pres.next(p)) {
            pres.setLast(p, last);
            double q = pres.prob(p);
            double var = k * q * (1 - q);
            long n;
            if (var >= EXACT_BELOW_VARIANCE) {
                n = Math.round(k * q + Math.sqrt(var) * rnd.nextGaussian());
                n = Math.max(0, Math.min(k, n));
            } else {
                n = 0;
                for (long i = 0; i < k; i++) {
                    n += rnd.nextFloat() < q ? 1 : 0;
                }
            }
            pres.addReads(p, n);
            reads += n;
        }
        return last + RadioModel.nextInterval(rnd);
    }

    /** Recomputes the stations covering emitter {@code e} at {@code t}: opens and closes presences. */
    private void locate(int e, int b, long t) {
        if (b >= 0) {
            fleet.position(b, t, pos);
        } else {
            pos[0] = em.fixedX(e);
            pos[1] = em.fixedY(e);
        }
        em.setStationary(e, b < 0 || !fleet.isMoving(b));
        for (int p = em.presHead(e); p >= 0; p = pres.next(p)) {
            pres.setSeen(p, false);
        }
        int n = stations.covering(pos[0], pos[1], coverS, coverD);
        for (int i = 0; i < n; i++) {
            int s = coverS[i];
            int antenna = -1;
            if (junctions.hasAntennas(s)) {
                antenna = junctions.antennaAt(s, pos[0], pos[1]);
                if (antenna < 0) {
                    continue; // directional antennas: the reader hears only inside its zones
                }
            }
            int p = em.presHead(e);
            while (p >= 0 && pres.station(p) != s) {
                p = pres.next(p);
            }
            if (p < 0) {
                p = pres.open(e, s, t);
                pres.setNext(p, em.presHead(e));
                em.setPresHead(e, p);
            }
            pres.setSeen(p, true);
            pres.setAntenna(p, antenna);
            // inside an antenna's zone the tag is heard as close by; elsewhere by distance
            double prob = antenna >= 0
                    ? RadioModel.readProbability(0, 1)
                    : RadioModel.readProbability(coverD[i], stations.radius(s));
            pres.setRadio(p, (float) prob, (float) RadioModel.meanRssi(coverD[i]));
        }
        int prev = -1;
        int p = em.presHead(e);
        while (p >= 0) {
            int next = pres.next(p);
            if (pres.seen(p)) {
                prev = p;
            } else {
                if (prev < 0) {
                    em.setPresHead(e, next);
                } else {
                    pres.setNext(prev, next);
                }
                close(p);
            }
            p = next;
        }
    }

    private void read(int e, int p, long t) {
        int s = pres.station(p);
        int rssi = RadioModel.sampleRssi(pres.meanRssi(p), rnd);
        reads++;
        pres.addRead(p);
        if (truthOnly) {
            return;
        }
        long when = t + stations.skewMs(s);
        int antenna = pres.antenna(p);
        if (!aggregated || antenna >= 0) {
            // antenna readers report every read: the order of the zones is the evidence
            outbox.add(s, em.tag(e), when, rssi, 1, em.flags(e), antenna);
            return;
        }
        long interval = Math.floorDiv(when, intervalMs);
        if (pres.aggCount(p) > 0 && pres.aggInterval(p) != interval) {
            emitAggregate(p);
        }
        pres.aggregate(p, when, interval, rssi);
    }

    private void emitAggregate(int p) {
        int e = pres.emitter(p);
        outbox.add(pres.station(p), em.tag(e), pres.aggTs(p), pres.aggPeak(p), pres.aggCount(p), em.flags(e), -1);
        pres.clearAggregate(p);
    }

    private void close(int p) {
        if (pres.aggCount(p) > 0) {
            emitAggregate(p);
        }
        if (pres.reads(p) > 0) {
            visits++;
            if (truth.enabled()) {
                int e = pres.emitter(p);
                truth.begin("visit")
                        .field("tag", TagIds.format(em.tag(e)))
                        .field("bike", Bikes.id(em.label(e)))
                        .field("station", stations.id(pres.station(p)))
                        .time("enter", pres.enter(p))
                        .time("exit", pres.last(p))
                        .field("reads", pres.reads(p));
                if (em.isClone(e)) {
                    truth.field("clone", true);
                }
                truth.end();
                int z = zones.ofStation(pres.station(p));
                if (z >= 0) {
                    truth.begin("zone_dwell")
                            .field("tag", TagIds.format(em.tag(e)))
                            .field("bike", Bikes.id(em.label(e)))
                            .field("zone", zones.get(z).id())
                            .field("kind", zones.get(z).kind())
                            .field("station", stations.id(pres.station(p)))
                            .time("enter", pres.enter(p))
                            .time("exit", pres.last(p))
                            .field("reads", pres.reads(p))
                            .end();
                }
            }
        }
        pres.release(p);
    }

    private void closeAll(int e) {
        int p = em.presHead(e);
        em.setPresHead(e, -1);
        while (p >= 0) {
            int next = pres.next(p);
            close(p);
            p = next;
        }
    }

    /** Ends every open presence at {@code end} (the end of the run), beacons before it first. */
    void closeEverything(long end) {
        for (int e = 0; e < em.count(); e++) {
            catchUp(e, end);
            closeAll(e);
        }
    }

    @Override
    public void departed(int b, long t) {
        wake(b, t);
        if (extra[b] >= 0) {
            wake(extra[b], t);
        }
    }

    @Override
    public void arrived(int b, long t) {
        departed(b, t);
    }

    /** Emitter {@code e} moves (or stops) at {@code t}: its coverage must be recomputed. */
    private void wake(int e, long t) {
        catchUp(e, t);
        boolean filed = em.inWheel(e);
        em.setStationary(e, false);
        if (!em.active(e)) {
            return;
        }
        long next = filed ? em.nextBeacon(e) : t + rnd.nextLong(RadioModel.BEACON_MS);
        if (!filed || em.wakeAt(e) != next) {
            file(e, next, next);
        }
    }

    /** From {@code t} on every read of bike {@code b}'s tag carries the tamper flag. */
    void tamper(int b, long t) {
        catchUp(b, t);
        em.addFlags(b, ReadFlags.TAMPER);
    }

    /**
     * Bike {@code b}'s tag is ripped off at {@code t}: destroyed (silent) or dumped where the
     * bike is (it keeps beaconing there).
     *
     * @return {x, y} where it happened
     */
    double[] removeTag(int b, long t, boolean dump) {
        catchUp(b, t);
        fleet.position(b, t, pos);
        double[] at = {pos[0], pos[1]};
        em.dropAt(b, at[0], at[1]);
        if (dump) {
            wake(b, t);
        } else {
            em.deactivate(b);
            closeAll(b);
        }
        return at;
    }

    /** Whether bike {@code b} still carries its own tag. */
    boolean hasTag(int b) {
        return em.carrier(b) == b && em.active(b);
    }

    /** Fits a copy of bike {@code original}'s tag to bike {@code carrier} at {@code t}. */
    void addClone(int original, int carrier, long t) {
        int e = em.add(em.tag(original), carrier, carrier, 0, true);
        extra[carrier] = e;
        wake(e, t);
    }

    /** The ids of the cloned tags bike {@code b} carries (at most one; none: empty). */
    @Override
    public long[] cloneTags(int b) {
        return extra[b] >= 0 ? new long[] {em.tag(extra[b])} : new long[0];
    }

    /** Whether bike {@code b} carries a cloned tag. */
    boolean carriesClone(int b) {
        return extra[b] >= 0;
    }

    long beacons() {
        return beacons;
    }

    long reads() {
        return reads;
    }

    long visits() {
        return visits;
    }

    int openPresences() {
        return pres.open();
    }

    int awake() {
        return wheel.size();
    }
}
