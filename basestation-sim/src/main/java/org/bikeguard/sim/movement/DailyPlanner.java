package org.bikeguard.sim.movement;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.bikeguard.sim.city.Bikes;

/**
 * The daily rhythm of each owner: the trips ("legs") a bike's owner makes on one calendar day,
 * each a planned departure time and a destination place. Nights are spent at home (night-shift
 * workers excepted). Weekdays and weekends differ. Derived from (seed, bike, day) alone, so any
 * day of any bike can be recomputed at will.
 *
 * <ul>
 *   <li>commuter: to work around 07:35 (&sigma; 20 min), home around 17:45 (&sigma; 30 min),
 *       30 % go to the market after dinner; at weekends mostly errands;</li>
 *   <li>school run: to school ~07:00 and back, again ~16:30 and back (weekdays);</li>
 *   <li>errands: one to three market trips in the morning, afternoon or evening;</li>
 *   <li>night shift: home ~06:30, to work ~19:30.</li>
 * </ul>
 *
 * <p>Time zone: days are calendar days in Asia/Shanghai (UTC+8, no daylight saving); times are
 * epoch milliseconds UTC. Immutable; thread-safe.
 */
public final class DailyPlanner {
    /** Offset of Asia/Shanghai from UTC, ms (fixed: no daylight saving since 1991). */
    public static final long SHANGHAI_OFFSET_MS = 8 * 3_600_000L;
    /** Milliseconds per day. */
    public static final long DAY_MS = 86_400_000L;
    /** Most legs a day can hold. */
    public static final int MAX_LEGS = 8;

    private static final long MIN = 60_000L;

    private final long seed;
    private final Bikes bikes;

    /** A planner for the bikes of a city built from {@code seed}. */
    public DailyPlanner(long seed, Bikes bikes) {
        this.seed = seed;
        this.bikes = bikes;
    }

    /** The Asia/Shanghai calendar day (epoch day) holding instant {@code t} (epoch ms). */
    public static long dayOf(long t) {
        return Math.floorDiv(t + SHANGHAI_OFFSET_MS, DAY_MS);
    }

    /** Epoch ms of midnight Asia/Shanghai starting epoch day {@code day}. */
    public static long midnight(long day) {
        return day * DAY_MS - SHANGHAI_OFFSET_MS;
    }

    /**
     * Fills the legs of bike {@code b} on epoch day {@code day} (Asia/Shanghai).
     *
     * @param depart receives departure times, epoch ms, ascending (length &ge; {@link #MAX_LEGS})
     * @param dest receives destination places
     * @return number of legs
     */
    public int legs(int b, long day, long[] depart, int[] dest) {
        SplittableRandom r =
                new SplittableRandom(seed * 0x9E3779B97F4A7C15L + b * 0xBF58476D1CE4E5B9L + day * 0x94D049BB133111EBL);
        long m = midnight(day);
        DayOfWeek dow = LocalDate.ofEpochDay(day).getDayOfWeek();
        boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
        int home = bikes.home(b);
        int work = bikes.work(b);
        int market = bikes.market(b);
        byte profile = bikes.profile(b);
        if (weekend && (profile == Bikes.COMMUTER || profile == Bikes.SCHOOL_RUN)) {
            profile = r.nextInt(100) < 75 ? Bikes.ERRANDS : -1;
        }
        Legs l = new Legs(depart, dest);
        switch (profile) {
            case Bikes.COMMUTER:
                l.add(m + clamp(at(7, 35) + gauss(r, 20), at(6, 30), at(9, 0)), work);
                l.add(m + clamp(at(17, 45) + gauss(r, 30), at(16, 30), at(20, 0)), home);
                if (r.nextInt(100) < 30) {
                    long t = m + at(19, 15) + r.nextLong(60) * MIN;
                    l.add(t, market);
                    l.add(t + (30 + r.nextLong(45)) * MIN, home);
                }
                break;
            case Bikes.SCHOOL_RUN:
                l.add(m + at(6, 50) + r.nextLong(25) * MIN, work);
                l.add(m + at(7, 35) + r.nextLong(15) * MIN, home);
                l.add(m + at(16, 20) + r.nextLong(30) * MIN, work);
                l.add(m + at(17, 5) + r.nextLong(20) * MIN, home);
                break;
            case Bikes.ERRANDS:
                errands(r, m, home, market, l);
                break;
            case Bikes.NIGHT_SHIFT:
                l.add(m + clamp(at(6, 30) + gauss(r, 15), at(5, 45), at(7, 30)), home);
                l.add(m + clamp(at(19, 30) + gauss(r, 20), at(18, 30), at(20, 30)), work);
                break;
            default:
                break;
        }
        return l.n;
    }

    private static void errands(SplittableRandom r, long m, int home, int market, Legs l) {
        int slots = 1 + r.nextInt(3);
        long[] starts = {at(8, 30), at(14, 30), at(19, 0)};
        long[] spans = {120, 120, 60};
        int first = slots == 3 ? 0 : r.nextInt(4 - slots);
        for (int s = first; s < first + slots && s < starts.length; s++) {
            long t = m + starts[s] + r.nextLong(spans[s]) * MIN;
            l.add(t, market);
            l.add(t + (30 + r.nextLong(60)) * MIN, home);
        }
    }

    /** ms after midnight of hh:mm. */
    private static long at(int h, int min) {
        return (h * 60L + min) * MIN;
    }

    private static long gauss(SplittableRandom r, long sigmaMin) {
        return Math.round(r.nextGaussian() * sigmaMin * MIN);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Appends legs, keeping departures strictly ascending. */
    private static final class Legs {
        final long[] depart;
        final int[] dest;
        int n;

        Legs(long[] depart, int[] dest) {
            this.depart = depart;
            this.dest = dest;
        }

        void add(long t, int place) {
            if (n == MAX_LEGS) {
                return;
            }
            if (n > 0 && t <= depart[n - 1] + 5 * MIN) {
                t = depart[n - 1] + 5 * MIN;
            }
            depart[n] = t;
            dest[n++] = place;
        }
    }
}
