package org.bikeguard.sim.engine;

import java.nio.charset.StandardCharsets;
import org.bikeguard.protocol.Topics;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.Junctions;
import org.bikeguard.sim.city.Signals;

/**
 * The signal controllers of a city with {@code --signal-controllers}: each intersection's
 * controller station publishes its phase to {@code signals/{intersectionId}/phase}
 * (docs/protocol.md section 8) when either axis changes (green, amber, red, as in the fixed-time
 * plan of {@link Signals}, which the ground truth follows), and repeats the current state every
 * {@value #REPEAT_MS} ms; the first message at the run's start. {@code ts} is the moment the
 * state began (the run's start for the first), {@code seq} the controller's boot time in ms ×
 * 1000 plus a counter. Messages leave at once (not buffered like frames), so they reach the
 * tracker before the reads of the same moment.
 *
 * <p>Units: epoch ms UTC. Not thread-safe: the simulation thread only.
 */
final class PhasePublisher {
    /** Longest time between two messages of one controller, ms (the protocol asks for 60 s). */
    static final long REPEAT_MS = 50_000;

    private final City city;
    private final Signals signals;
    private final FrameSink sink;
    private final long[] next;
    private final long[] since;
    private final long[] sent;
    private final long[] seq;
    private long messages;

    PhasePublisher(City city, FrameSink sink, long bootMs) {
        this.city = city;
        this.signals = city.signals();
        this.sink = sink;
        int n = signals.count();
        next = new long[n];
        since = new long[n];
        sent = new long[n];
        seq = new long[n];
        java.util.Arrays.fill(seq, bootMs * 1000);
    }

    /** Whether the city has controllers. */
    static boolean wanted(City city) {
        return city.signals().count() > 0 && city.stations().controller(0) >= 0;
    }

    /** The first message of every controller: the state at {@code t}. */
    void init(long t) {
        for (int i = 0; i < next.length; i++) {
            since[i] = t;
            publish(i, t);
            next[i] = signals.nextChange(i, t);
        }
    }

    /** The messages due before {@code until}, in time order per controller. */
    void step(long until) {
        for (int i = 0; i < next.length; i++) {
            while (true) {
                long repeat = sent[i] + REPEAT_MS;
                if (Math.min(next[i], repeat) >= until) {
                    break;
                }
                if (next[i] <= repeat) {
                    since[i] = next[i];
                    publish(i, next[i]);
                    next[i] = signals.nextChange(i, next[i]);
                } else {
                    publish(i, repeat);
                }
            }
        }
    }

    /** The message of controller {@code i} for the state at {@code t} (sent at {@code t}). */
    private void publish(int i, long t) {
        sent[i] = t;
        StringBuilder sb = new StringBuilder(256)
                .append("{\"intersection\":\"")
                .append(Junctions.id(i))
                .append("\",\"seq\":")
                .append(++seq[i])
                .append(",\"ts\":")
                .append(since[i])
                .append(",\"green\":");
        movements(sb, i, t, Signals.GREEN).append(",\"amber\":");
        movements(sb, i, t, Signals.YELLOW).append('}');
        messages++;
        sink.publish(
                city.stations().controller(i),
                Topics.phaseTopic(Junctions.id(i)),
                sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private StringBuilder movements(StringBuilder sb, int i, long t, int phase) {
        sb.append('[');
        boolean first = true;
        for (boolean ns : new boolean[] {true, false}) {
            if (signals.phase(i, ns, t) != phase) {
                continue;
            }
            for (String a : ns ? new String[] {"N", "S"} : new String[] {"E", "W"}) {
                for (String m : new String[] {"through", "left", "right"}) {
                    sb.append(first ? "\"" : ",\"")
                            .append(a)
                            .append('.')
                            .append(m)
                            .append('"');
                    first = false;
                }
            }
        }
        return sb.append(']');
    }

    /** Messages published so far. */
    long messages() {
        return messages;
    }
}
