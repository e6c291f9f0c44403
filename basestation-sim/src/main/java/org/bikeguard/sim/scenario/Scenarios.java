package org.bikeguard.sim.scenario;

import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.city.Bikes;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.Geo;
import org.bikeguard.sim.city.Places;
import org.bikeguard.sim.movement.DailyPlanner;
import org.bikeguard.sim.truth.TruthWriter;

/**
 * The scripted events of a run, with their ground truth: thefts ({@link Thefts}), cloned tags,
 * tampered tags and station outages. Planned from the run's own random stream, so the same seed
 * gives the same scenarios; executed in time order with the bikes' own events.
 *
 * <ul>
 *   <li>Finite run: {@code thefts} thefts between 5 % and 75 % of the run (at night, 00:00-05:00
 *       Asia/Shanghai, when the run covers some night), clones and tampers in its first half.</li>
 *   <li>Endless run (demo): {@code thefts} thefts every night and clones and tampers on the first
 *       day.</li>
 *   <li>Outages: every station has a {@value #OUTAGE_PER_DAY_PERCENT} % chance per day of losing
 *       its backhaul for 2-45 minutes; it keeps reading and sends its buffer when back.</li>
 * </ul>
 *
 * <p>Not thread-safe: the simulation thread only.
 */
public final class Scenarios {
    /** Percent chance per station and day of an outage. */
    public static final int OUTAGE_PER_DAY_PERCENT = 2;

    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;

    private record Event(long time, long seq, LongConsumer action) {}

    private final World world;
    private final City city;
    private final SplittableRandom rnd;
    private final TruthWriter truth;
    private final long start;
    private final long end;
    private final int thefts;
    private final int clones;
    private final int tampers;
    private final boolean outages;
    private final PriorityQueue<Event> queue =
            new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private final Set<Integer> involved = new HashSet<>();
    private final Thefts theftScript;
    private final int gangs;
    private final Gangs gangScript;
    private final int[] chosenDens;
    private final int zoneParking;
    private final ZoneParking zoneScript;
    private long seq;
    private int offline;

    /**
     * @param end end of the run, epoch ms ({@link Long#MAX_VALUE} for an endless run)
     * @param outages whether stations lose their backhaul now and then
     * @param gangs thief gangs in the run (per night when endless)
     * @param dens dens all stolen bikes are taken to, 0 for any of the city's
     * @param zoneParking bikes parked in no-go zones per simulated day ({@link ZoneParking})
     */
    public Scenarios(
            World world,
            SplittableRandom rnd,
            long start,
            long end,
            int thefts,
            int clones,
            int tampers,
            boolean outages,
            int gangs,
            int dens,
            int zoneParking) {
        this.world = world;
        this.city = world.city();
        this.rnd = rnd;
        this.truth = world.truth();
        this.start = start;
        this.end = end;
        this.thefts = thefts;
        this.clones = clones;
        this.tampers = tampers;
        this.outages = outages;
        this.gangs = gangs;
        int[] pool = city.places().ofKind(Places.Kind.DEN);
        // runs without gangs and dens draw exactly the random numbers they always did
        SplittableRandom own = gangs > 0 || dens > 0 ? rnd.split() : null;
        if (dens > 0) {
            pool = Gangs.choose(world, own, dens);
        }
        this.chosenDens = dens > 0 ? pool : new int[0];
        this.gangScript = own == null ? null : new Gangs(world, this, own, pool);
        this.theftScript = new Thefts(world, this, rnd, pool);
        this.zoneParking = zoneParking;
        // runs without zone parking draw exactly the random numbers they always did
        this.zoneScript = zoneParking > 0 ? new ZoneParking(world, this, rnd.split()) : null;
    }

    /** Plans the first day (or the whole finite run). */
    public void plan() {
        boolean endless = end == Long.MAX_VALUE;
        Gangs.writeDens(world, chosenDens);
        long span = endless ? DailyPlanner.DAY_MS : end - start;
        if (endless) {
            planNights(DailyPlanner.dayOf(start));
        } else {
            for (int i = 0; i < thefts; i++) {
                long t = theftTime(start + span / 20, start + span * 3 / 4);
                at(t, when -> theftScript.steal(pickBike(), when));
            }
            for (int i = 0; i < gangs; i++) {
                at(theftTime(start + span / 20, start + span * 3 / 4), gangScript::strike);
            }
            planZoneParking(start, end - Math.min(span / 4, 20 * MIN));
        }
        for (int i = 0; i < clones; i++) {
            at(start + rnd.nextLong(Math.max(1, span / 2)), this::clone);
        }
        for (int i = 0; i < tampers; i++) {
            at(start + rnd.nextLong(Math.max(1, span / 2)), this::tamper);
        }
        if (outages) {
            planOutages(start, Math.min(end, DailyPlanner.midnight(DailyPlanner.dayOf(start) + 1)));
        }
    }

    /** Thefts of the night of {@code day}, then tomorrow's planning at the next midnight. */
    private void planNights(long day) {
        long midnight = DailyPlanner.midnight(day);
        for (int i = 0; i < thefts; i++) {
            long t = midnight + 30 * MIN + rnd.nextLong(4 * HOUR);
            if (t >= start) {
                at(t, when -> theftScript.steal(pickBike(), when));
            }
        }
        for (int i = 0; i < gangs; i++) {
            long t = midnight + 30 * MIN + rnd.nextLong(4 * HOUR);
            if (t >= start) {
                at(t, gangScript::strike);
            }
        }
        planZoneParking(Math.max(start, midnight + 7 * HOUR), midnight + 22 * HOUR);
        at(DailyPlanner.midnight(day + 1), when -> {
            planNights(day + 1);
            if (outages) {
                planOutages(when, Math.min(end, when + DailyPlanner.DAY_MS));
            }
        });
    }

    /**
     * {@code zoneParking} bikes per day into no-go zones, at times spread over [from, to) (a
     * window shorter than a day gets its share, at least one).
     */
    private void planZoneParking(long from, long to) {
        if (zoneScript == null || to <= from) {
            return;
        }
        SplittableRandom r = zoneScript.random();
        long n = Math.max(1, Math.round(zoneParking * Math.min(1.0, (to - from) / (double) DailyPlanner.DAY_MS)));
        for (long i = 0; i < n; i++) {
            at(from + r.nextLong(to - from), zoneScript::park);
        }
    }

    /** A time in [from, to), at night (00:00-05:00 Asia/Shanghai) when that range has night. */
    private long theftTime(long from, long to) {
        if (to <= from) {
            return from;
        }
        for (int tries = 0; tries < 200; tries++) {
            long t = from + rnd.nextLong(to - from);
            long sinceMidnight = t - DailyPlanner.midnight(DailyPlanner.dayOf(t));
            if (sinceMidnight < 5 * HOUR) {
                return t;
            }
        }
        return from + rnd.nextLong(to - from);
    }

    private void planOutages(long from, long to) {
        if (to <= from) {
            return;
        }
        for (int s = 0; s < city.stations().count(); s++) {
            if (rnd.nextInt(100) < OUTAGE_PER_DAY_PERCENT) {
                long t = from + rnd.nextLong(to - from);
                long length = (2 + rnd.nextLong(44)) * MIN;
                int station = s;
                at(t, when -> outage(station, when, length));
            }
        }
    }

    private void outage(int s, long t, long length) {
        long back = Math.min(end, t + length);
        world.stationOffline(s);
        offline++;
        truth.begin("outage")
                .field("station", city.stations().id(s))
                .time("from", t)
                .time("to", back)
                .end();
        at(back, when -> {
            world.stationOnline(s);
            offline--;
        });
    }

    private void clone(long t) {
        int original = pickBike();
        int carrier = pickBike();
        if (original == carrier || !world.hasTag(original)) {
            return;
        }
        world.addClone(original, carrier, t);
        truth.begin("clone")
                .field("tag", TagIds.format(city.bikes().tag(original)))
                .field("bike", Bikes.id(original))
                .field("cloneBike", Bikes.id(carrier))
                .time("at", t)
                .end();
    }

    private void tamper(long t) {
        int b = pickBike();
        world.tamper(b, t);
        truth.begin("tamper")
                .field("tag", TagIds.format(city.bikes().tag(b)))
                .field("bike", Bikes.id(b))
                .time("at", t)
                .end();
    }

    /** A bike not yet involved in any scenario. */
    int pickBike() {
        int n = city.bikes().count();
        for (int tries = 0; tries < 1000; tries++) {
            int b = rnd.nextInt(n);
            if (involved.add(b)) {
                return b;
            }
        }
        return rnd.nextInt(n);
    }

    /** Marks bike {@code b} as involved in a scenario; false when it already is. */
    boolean claim(int b) {
        return involved.add(b);
    }

    /** Schedules {@code action} at time {@code t} (ignored at or after the run's end). */
    void at(long t, LongConsumer action) {
        if (t < end) {
            queue.add(new Event(t, seq++, action));
        }
    }

    /** Time of the next scripted event, {@link Long#MAX_VALUE} when none. */
    public long nextTime() {
        Event e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.time;
    }

    /** Runs the next scripted event. */
    public void runNext() {
        Event e = queue.poll();
        e.action.accept(e.time);
    }

    /** Stations offline right now. */
    public int offline() {
        return offline;
    }

    /** Thefts started so far. */
    public int theftsStarted() {
        return theftScript.started();
    }

    /** Bikes sent to park in no-go zones so far. */
    public int zoneParked() {
        return zoneScript == null ? 0 : zoneScript.parked();
    }

    /** Gangs that struck so far. */
    public int gangsStruck() {
        return gangScript == null ? 0 : gangScript.struck();
    }

    /** {"lon":..,"lat":..} of a local point, for ground-truth records. */
    static String lonLat(double x, double y) {
        return String.format(java.util.Locale.ROOT, "{\"lon\":%.6f,\"lat\":%.6f}", Geo.lon(x), Geo.lat(y));
    }

    /** {"lon","lat","kind","name"} of a place. */
    static String placeJson(Places places, int p, String kind) {
        StringBuilder sb = new StringBuilder(lonLat(places.x(p), places.y(p)));
        sb.setLength(sb.length() - 1);
        sb.append(",\"kind\":\"").append(kind).append("\",\"name\":");
        TruthWriter.quote(sb, places.name(p));
        return sb.append('}').toString();
    }
}
