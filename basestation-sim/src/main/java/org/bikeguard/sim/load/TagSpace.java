package org.bikeguard.sim.load;

/**
 * The tags of a load run and how they are spread over stations.
 *
 * <p>Tag number {@code k} (0 &le; k &lt; tags) maps to a 64-bit tag id through a bijective
 * scramble of the low 56 bits under the EPC-like prefix {@code 0xE2}, so ids are distinct,
 * look random (spreading index inserts) and exercise unsigned handling (top bit set).
 *
 * <p>Station {@code i} owns a pool of nearby tags: the contiguous range of tag numbers
 * {@code [i*tags/stations, (i+1)*tags/stations)} (at least one tag, wrapping when there are
 * fewer tags than stations). With 300,000 tags and 5,000 stations each pool holds 60 tags
 * and every tag belongs to exactly one pool.
 *
 * <p>Immutable; thread-safe.
 */
public final class TagSpace {
    private static final long MASK56 = (1L << 56) - 1;
    private static final long PREFIX = 0xE2L << 56;

    private final int tags;
    private final int stations;

    /** Creates the space for {@code tags} tags over {@code stations} stations (both &ge; 1). */
    public TagSpace(int tags, int stations) {
        if (tags < 1 || stations < 1) {
            throw new IllegalArgumentException("tags and stations must be >= 1");
        }
        this.tags = tags;
        this.stations = stations;
    }

    /** The tag id of tag number {@code k}; distinct for distinct {@code k} below 2^56. */
    public static long tagId(long k) {
        long x = k & MASK56;
        x = (x * 0x9E3779B97F4A7C15L) & MASK56; // odd multiplier: bijective mod 2^56
        x ^= x >>> 29;
        x = (x * 0xBF58476D1CE4E5B9L) & MASK56;
        x ^= x >>> 32;
        return PREFIX | x;
    }

    /** The tag ids of station {@code index}'s pool, in a fresh array the caller may reorder. */
    public long[] pool(int index) {
        long start = (long) index * tags / stations;
        long end = (long) (index + 1) * tags / stations;
        int size = (int) Math.max(1, end - start);
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = tagId((start + i) % tags);
        }
        return out;
    }

    /** Number of tags. */
    public int tags() {
        return tags;
    }

    /** Number of stations. */
    public int stations() {
        return stations;
    }
}
