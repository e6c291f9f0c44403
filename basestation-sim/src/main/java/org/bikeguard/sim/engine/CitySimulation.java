package org.bikeguard.sim.engine;

import java.util.SplittableRandom;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.Geo;
import org.bikeguard.sim.city.Signals;
import org.bikeguard.sim.city.Stations;
import org.bikeguard.sim.movement.BeaconWheel;
import org.bikeguard.sim.scenario.Scenarios;
import org.bikeguard.sim.scenario.World;
import org.bikeguard.sim.truth.TruthWriter;

/**
 * The deterministic core of the city simulation. Time advances in steps of
 * {@link BeaconWheel#SLOT_MS} ms: each step runs the bikes' departures and arrivals and the
 * scripted scenario events due in it (in time order), then the beacons of its wheel slot. The
 * driver ({@code CityRunner}) decides when to take the next step (pacing against the wall
 * clock) and calls {@link #flushDue(long)} now and then so stations send their frames.
 *
 * <p>Determinism: everything that reaches the ground truth depends only on the city, the seed
 * and the {@link SimConfig} (never on the wall clock or the network); only how entries are cut
 * into frames depends on wall time.
 *
 * <p>Units: epoch ms UTC. Not thread-safe: one thread drives it.
 */
public final class CitySimulation implements World {
    private final City city;
    private final SimConfig config;
    private final TruthWriter truth;
    private final FrameSink sink;
    private final Outbox outbox;
    private final Fleet fleet;
    private final Beacons beacons;
    private final Scenarios scenarios;
    private final boolean[] offline;
    private final PhasePublisher phases;
    private final boolean truthOnly;
    private long now;

    /**
     * @param bootMs wall-clock epoch ms used for the stations' sequence numbers
     */
    public CitySimulation(City city, SimConfig config, FrameSink sink, TruthWriter truth, long bootMs) {
        this(city, config, sink, truth, bootMs, false);
    }

    /**
     * A truth-only simulation: the same bikes, trips and scenarios (their random streams are
     * untouched), but no frames at all (the sink gets nothing but outages) and the beacons of a
     * tag parked within reach are not simulated one by one: its reads between two movements are
     * drawn in one go (binomial, at 2 s spacing). The {@code visit} records therefore match the
     * normal mode's only statistically: the same (tag, station) stays within about one beacon
     * interval of enter and exit, reads within their binomial spread, and a short visit at the
     * edge of a radius may be written in one mode and not the other
     * ({@code TruthOnlyModeTest} states the tolerances). For benchmarks that need the ground
     * truth of long runs (a simulated week of the Hengyang city) rather than the radio traffic.
     */
    public static CitySimulation truthOnly(City city, SimConfig config, TruthWriter truth) {
        return new CitySimulation(city, config, (s, p, e, n) -> {}, truth, 0, true);
    }

    private CitySimulation(
            City city, SimConfig config, FrameSink sink, TruthWriter truth, long bootMs, boolean truthOnly) {
        this.city = city;
        this.truthOnly = truthOnly;
        this.config = config;
        this.truth = truth;
        this.sink = sink;
        Stations st = city.stations();
        String[] ids = new String[st.count()];
        for (int s = 0; s < ids.length; s++) {
            ids[s] = st.id(s);
        }
        this.offline = new boolean[ids.length];
        this.outbox =
                new Outbox(ids, config.frameEntries(), config.json(), sink, config.flushWallMs() * 1_000_000L, bootMs);
        SplittableRandom root = new SplittableRandom(city.seed() * 31 + 17);
        long start = Math.floorDiv(config.start(), BeaconWheel.SLOT_MS) * BeaconWheel.SLOT_MS;
        Beacons[] holder = new Beacons[1];
        this.fleet = new Fleet(
                city,
                root.split(),
                truth,
                new Fleet.Listener() {
                    @Override
                    public void departed(int b, long t) {
                        holder[0].departed(b, t);
                    }

                    @Override
                    public void arrived(int b, long t) {
                        holder[0].arrived(b, t);
                    }

                    @Override
                    public long[] cloneTags(int b) {
                        return holder[0].cloneTags(b);
                    }
                },
                config.start(),
                config.end(),
                config.violationRate());
        this.beacons = new Beacons(
                city, fleet, outbox, truth, root.split(), config.aggregated(), config.intervalMs(), truthOnly);
        holder[0] = beacons;
        this.scenarios = new Scenarios(
                this,
                root.split(),
                config.start(),
                config.end(),
                config.thefts(),
                config.clones(),
                config.tampers(),
                config.outages(),
                config.gangs(),
                config.dens(),
                config.zoneParking());
        this.phases = !truthOnly && PhasePublisher.wanted(city) ? new PhasePublisher(city, sink, bootMs) : null;
        this.now = start;
    }

    /** Writes the run's header records, places every bike and plans the scenarios. */
    public void init() {
        writeHeader();
        fleet.init(now);
        beacons.init(now);
        scenarios.plan();
        if (phases != null) {
            phases.init(now);
        }
    }

    private void writeHeader() {
        if (!truth.enabled()) {
            return;
        }
        truth.begin("run")
                .field("city", city.spec().name())
                .field("seed", city.seed())
                .time("start", config.start());
        if (!config.endless()) {
            truth.time("end", config.end());
        }
        truth.field("gapS", config.gapMs() / 1000)
                .field("mode", config.aggregated() ? "aggregated" : "raw")
                .field("intervalS", config.intervalMs() / 1000.0)
                .field("violationRate", config.violationRate())
                .field("stations", city.stations().count())
                .field("bikes", city.bikes().count());
        if (truthOnly) {
            truth.field("truthOnly", true);
        }
        truth.end();
        StringBuilder tags = new StringBuilder();
        int n = city.bikes().count();
        for (int b = 0; b < n; b++) {
            tags.append(tags.length() == 0 ? "[" : ",")
                    .append('"')
                    .append(TagIds.format(city.bikes().tag(b)))
                    .append('"');
            if ((b + 1) % 1000 == 0 || b == n - 1) {
                truth.begin("tags").raw("tags", tags.append(']').toString()).end();
                tags.setLength(0);
            }
        }
        Signals sig = city.signals();
        for (int i = 0; i < sig.count(); i++) {
            int node = sig.node(i);
            StringBuilder ids = new StringBuilder("[");
            for (int s = 0; s < city.stations().count(); s++) {
                if (city.stations().intersection(s) == i) {
                    ids.append(ids.length() > 1 ? "," : "")
                            .append('"')
                            .append(city.stations().id(s))
                            .append('"');
                }
            }
            truth.begin("signal")
                    .field("intersection", Fleet.intersectionId(i))
                    .field("lon", Geo.lon(city.roads().x(node)))
                    .field("lat", Geo.lat(city.roads().y(node)))
                    .field("cycleS", sig.cycleMs(i) / 1000)
                    .field("offsetMs", sig.offsetMs(i))
                    .field("nsGreenS", sig.nsGreenMs(i) / 1000)
                    .field("ewGreenS", sig.ewGreenMs(i) / 1000)
                    .field("yellowS", Signals.YELLOW_MS / 1000)
                    .field("allRedS", Signals.ALL_RED_MS / 1000)
                    .raw("stations", ids.append(']').toString())
                    .end();
        }
    }

    /** Simulated time reached: everything before it has happened. Epoch ms. */
    public long now() {
        return now;
    }

    /** Whether the run has reached its end. */
    public boolean done() {
        return now >= config.end();
    }

    /** Runs one step of {@link BeaconWheel#SLOT_MS} ms. */
    public void step() {
        long stepEnd = now + BeaconWheel.SLOT_MS;
        if (phases != null) {
            phases.step(stepEnd);
        }
        while (true) {
            long tf = fleet.nextEventTime();
            long ts = scenarios.nextTime();
            if (Math.min(tf, ts) >= stepEnd) {
                break;
            }
            if (tf <= ts) {
                fleet.handleNext();
            } else {
                scenarios.runNext();
            }
        }
        beacons.step(now);
        now = stepEnd;
    }

    /** Sends the frames whose entries have waited long enough at wall time {@code nanoTime}. */
    public void flushDue(long nanoTime) {
        outbox.flushDue(nanoTime);
    }

    /**
     * Ends the run at the current time: closes every presence (writing its visit), brings
     * offline stations back, sends every buffered entry and writes the {@code end} record.
     */
    public void finish() {
        beacons.closeEverything(now);
        for (int s = 0; s < offline.length; s++) {
            if (offline[s]) {
                stationOnline(s);
            }
        }
        outbox.flushAll();
        truth.begin("end")
                .time("at", now)
                .field("beacons", beacons.beacons())
                .field("reads", beacons.reads())
                .field("entries", outbox.entries())
                .field("frames", outbox.frames())
                .field("visits", beacons.visits())
                .field("passages", fleet.passages())
                .field("violations", fleet.violations())
                .field("thefts", scenarios.theftsStarted())
                .end();
        truth.flush();
    }

    /** Counters for progress lines. */
    public Stats stats() {
        return new Stats(
                now,
                beacons.beacons(),
                beacons.reads(),
                outbox.entries(),
                outbox.frames(),
                beacons.visits(),
                beacons.openPresences(),
                beacons.awake(),
                scenarios.offline(),
                scenarios.theftsStarted());
    }

    /**
     * Engine counters.
     *
     * @param now simulated time reached, epoch ms
     * @param beacons beacons simulated
     * @param reads reads heard by stations (sum of counts)
     * @param entries entries put into frames
     * @param frames frames sent to the sink
     * @param visits visits ended with at least one read
     * @param openPresences tags within some station's radius right now (pairs)
     * @param awake tags simulated beacon by beacon right now
     * @param offline stations whose backhaul is down
     * @param thefts thefts so far
     */
    public record Stats(
            long now,
            long beacons,
            long reads,
            long entries,
            long frames,
            long visits,
            int openPresences,
            int awake,
            int offline,
            int thefts) {}

    // World

    @Override
    public City city() {
        return city;
    }

    @Override
    public TruthWriter truth() {
        return truth;
    }

    @Override
    public boolean isMoving(int b) {
        return fleet.isMoving(b);
    }

    @Override
    public long arrival(int b) {
        return fleet.arrival(b);
    }

    @Override
    public double[] position(int b, long t) {
        double[] p = new double[2];
        fleet.position(b, t, p);
        return p;
    }

    @Override
    public void hold(int b) {
        fleet.hold(b);
    }

    @Override
    public boolean isHeld(int b) {
        return fleet.isHeld(b);
    }

    @Override
    public void release(int b, long t) {
        fleet.release(b, t);
    }

    @Override
    public long travel(int b, int to, long t, double speed) {
        return fleet.travel(b, to, t, speed);
    }

    @Override
    public long travelToSpot(int b, int to, double x, double y, long t, double speed) {
        return fleet.travelToSpot(b, to, x, y, t, speed);
    }

    @Override
    public int placeOf(int b) {
        return fleet.placeOf(b);
    }

    @Override
    public long travelWith(int b, int leader, long t) {
        return fleet.travelWith(b, leader, t);
    }

    @Override
    public long nextPlannedDeparture(int b, long t) {
        return fleet.nextPlannedDeparture(b, t);
    }

    @Override
    public void tamper(int b, long t) {
        beacons.tamper(b, t);
    }

    @Override
    public double[] removeTag(int b, long t, boolean dump) {
        return beacons.removeTag(b, t, dump);
    }

    @Override
    public boolean hasTag(int b) {
        return beacons.hasTag(b);
    }

    @Override
    public void addClone(int original, int carrier, long t) {
        beacons.addClone(original, carrier, t);
    }

    @Override
    public boolean carriesClone(int b) {
        return beacons.carriesClone(b);
    }

    @Override
    public void stationOffline(int s) {
        if (!offline[s]) {
            offline[s] = true;
            sink.offline(s);
        }
    }

    @Override
    public void stationOnline(int s) {
        if (offline[s]) {
            offline[s] = false;
            sink.online(s);
        }
    }
}
