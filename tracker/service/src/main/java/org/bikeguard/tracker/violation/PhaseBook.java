package org.bikeguard.tracker.violation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every intersection's signal phases in memory: the controller's messages (the newest
 * {@value #MAX_MESSAGES} per intersection, ordered by time) and the intersection's fixed-time
 * plan. For an instant at or after the first kept message the messages decide, before it the plan
 * (section 8 of docs/protocol.md). Times are epoch ms UTC. Thread-safe (one lock per intersection).
 */
public final class PhaseBook {

    static final int MAX_MESSAGES = 20_000;

    private final Map<String, History> histories = new ConcurrentHashMap<>();
    private final Function<String, SignalPlan> plans;

    /** @param plans the fixed-time plan of an intersection id, or null */
    public PhaseBook(Function<String, SignalPlan> plans) {
        this.plans = plans;
    }

    private static final class History {
        final List<PhaseMessage> messages = new ArrayList<>();
    }

    /** Adds a message (any order; a known (intersection, seq) is ignored). */
    public void add(PhaseMessage m) {
        History h = histories.computeIfAbsent(m.intersection(), k -> new History());
        synchronized (h) {
            List<PhaseMessage> ms = h.messages;
            int i = ms.size();
            while (i > 0 && ms.get(i - 1).at() > m.at()) {
                i--;
            }
            for (int k = Math.max(0, i - 4); k < Math.min(ms.size(), i + 4); k++) {
                if (ms.get(k).seq() == m.seq()) {
                    return;
                }
            }
            ms.add(i, m);
            if (ms.size() > MAX_MESSAGES) {
                ms.subList(0, ms.size() - MAX_MESSAGES).clear();
            }
        }
    }

    /** The kept messages of an intersection with {@code from <= at < to}, oldest first. */
    public List<PhaseMessage> messages(String intersection, long from, long to) {
        History h = histories.get(intersection);
        if (h == null) {
            return List.of();
        }
        synchronized (h) {
            List<PhaseMessage> out = new ArrayList<>();
            for (PhaseMessage m : h.messages) {
                if (m.at() >= from && m.at() < to) {
                    out.add(m);
                }
            }
            return Collections.unmodifiableList(out);
        }
    }

    /** The state of {@code movement} ({@code approach.movement}) at {@code t}, with the interval it holds. */
    public Phase at(String intersection, String movement, long t) {
        History h = histories.get(intersection);
        if (h != null) {
            synchronized (h) {
                List<PhaseMessage> ms = h.messages;
                if (!ms.isEmpty() && t >= ms.get(0).at()) {
                    return fromMessages(ms, movement, t);
                }
                if (!ms.isEmpty()) {
                    Phase p = fromPlan(intersection, movement, t);
                    return new Phase(
                            p.state(), p.since(), Math.min(p.until(), ms.get(0).at()), p.source());
                }
            }
        }
        return fromPlan(intersection, movement, t);
    }

    private Phase fromPlan(String intersection, String movement, long t) {
        SignalPlan plan = plans.apply(intersection);
        return plan == null
                ? new Phase(SignalState.UNKNOWN, Long.MIN_VALUE, Long.MAX_VALUE, "none")
                : plan.at(movement, t);
    }

    private static Phase fromMessages(List<PhaseMessage> ms, String movement, long t) {
        int lo = 0;
        int hi = ms.size() - 1;
        while (lo < hi) { // the last message with at <= t
            int mid = (lo + hi + 1) >>> 1;
            if (ms.get(mid).at() <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        SignalState state = ms.get(lo).state(movement);
        int first = lo;
        while (first > 0 && ms.get(first - 1).state(movement) == state) {
            first--;
        }
        long since = ms.get(first).at(); // for the first kept message: at least since then
        int next = lo + 1;
        while (next < ms.size() && ms.get(next).state(movement) == state) {
            next++;
        }
        long until = next < ms.size() ? ms.get(next).at() : Long.MAX_VALUE;
        return new Phase(state, since, until, "controller");
    }

    /**
     * Whether the movement is red during all of {@code [from, to]}; the red phase holding at {@code from} when it is,
     * or null.
     */
    public Phase redThroughout(String intersection, String movement, long from, long to) {
        Phase first = at(intersection, movement, from);
        Phase p = first;
        while (p.state() == SignalState.RED && p.until() <= to) {
            p = at(intersection, movement, p.until());
        }
        if (p.state() != SignalState.RED) {
            return null;
        }
        return new Phase(SignalState.RED, first.since(), p.until(), first.source());
    }
}
