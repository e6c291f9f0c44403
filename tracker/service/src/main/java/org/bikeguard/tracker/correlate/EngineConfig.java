package org.bikeguard.tracker.correlate;

/**
 * Settings of a {@link SightingEngine}. Immutable.
 *
 * @param gapMs a sighting closes once its station's event time passes {@code lastSeen + gapMs}
 *     (ms, &gt; 0)
 * @param bucketCount number of state buckets (IMap entries) the tags are spread over (&gt; 0);
 *     every member and every engine of one cluster must use the same value
 * @param backupCount synchronous backups of each bucket (0..6)
 */
public record EngineConfig(long gapMs, int bucketCount, int backupCount) {
    /** Default gap: 30 s. */
    public static final long DEFAULT_GAP_MS = 30_000;
    /** Default bucket count (Hazelcast's default partition count). */
    public static final int DEFAULT_BUCKETS = 271;
    /** Default number of backups. */
    public static final int DEFAULT_BACKUPS = 1;

    /** Validates the settings. */
    public EngineConfig {
        if (gapMs <= 0) {
            throw new IllegalArgumentException("gapMs must be > 0: " + gapMs);
        }
        if (bucketCount <= 0) {
            throw new IllegalArgumentException("bucketCount must be > 0: " + bucketCount);
        }
        if (backupCount < 0 || backupCount > 6) {
            throw new IllegalArgumentException("backupCount must be 0..6: " + backupCount);
        }
    }

    /** 30 s gap, 271 buckets, 1 backup. */
    public static EngineConfig defaults() {
        return new EngineConfig(DEFAULT_GAP_MS, DEFAULT_BUCKETS, DEFAULT_BACKUPS);
    }
}
