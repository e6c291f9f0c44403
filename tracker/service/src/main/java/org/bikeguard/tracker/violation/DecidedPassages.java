package org.bikeguard.tracker.violation;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The spans (event time) of passages that raised a violation and were let go, remembered for {@link #MEMORY_MS} of the tracker's
 * time: a station cut off from the network sends its buffered frames minutes later, and their reads of a passage
 * decided meanwhile must join it (and raise nothing) rather than begin a second passage of the same ride. At most
 * {@value #MAX_TAGS} (tag, intersection) pairs and {@value #MAX_SPANS} spans per pair are kept, the oldest going first.
 *
 * <p>Units: epoch ms UTC. Not thread-safe: the thread that owns {@link Passages} owns it.
 */
final class DecidedPassages {

    /** How long a decided passage is remembered after its newest read arrived, ms (a long backhaul outage). */
    static final long MEMORY_MS = 3_600_000;

    static final int MAX_TAGS = 1_000_000;
    static final int MAX_SPANS = 8;

    private record Key(long tag, String intersection) {}

    private static final class Spans {
        long[] firstLast = new long[2];
        int n;
        long expires;
    }

    private final long before;
    private final long after;
    private final Map<Key, Spans> spans = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Spans> eldest) {
            return size() > MAX_TAGS;
        }
    };

    /**
     * @param before how long before a span's first read a read still belongs to it, ms
     * @param after  how long after its newest read, ms
     */
    DecidedPassages(long before, long after) {
        this.before = before;
        this.after = after;
    }

    /** Remembers a decided passage {@code [first, last]} let go at {@code now} (the tracker's time). */
    void add(long tag, String intersection, long first, long last, long now) {
        Key k = new Key(tag, intersection);
        Spans s = spans.remove(k); // re-inserted: the map stays in order of expiry
        if (s == null) {
            s = new Spans();
        }
        if (s.n == MAX_SPANS) {
            System.arraycopy(s.firstLast, 2, s.firstLast, 0, 2 * (MAX_SPANS - 1));
            s.n--;
        } else if (2 * (s.n + 1) > s.firstLast.length) {
            s.firstLast = java.util.Arrays.copyOf(s.firstLast, 2 * (s.n + 1));
        }
        s.firstLast[2 * s.n] = first;
        s.firstLast[2 * s.n + 1] = last;
        s.n++;
        s.expires = now + MEMORY_MS;
        spans.put(k, s);
    }

    /**
     * Whether the event times {@code [from, to]} meet a remembered passage of the tag there (three gaps before its first
     * read to a gap after its newest): a read at {@code ts} is {@code from = to = ts}.
     */
    boolean meets(long tag, String intersection, long from, long to) {
        Spans s = spans.get(new Key(tag, intersection));
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.n; i++) {
            if (to >= s.firstLast[2 * i] - before && from <= s.firstLast[2 * i + 1] + after) {
                return true;
            }
        }
        return false;
    }

    /** Forgets the passages remembered long enough at {@code now}. */
    void expire(long now) {
        for (Iterator<Spans> it = spans.values().iterator(); it.hasNext(); ) {
            if (it.next().expires > now) {
                return;
            }
            it.remove();
        }
    }

    /** Pairs remembered. */
    int size() {
        return spans.size();
    }
}
