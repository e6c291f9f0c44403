package org.bikeguard.tracker.correlate;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * The {@link DataSerializableFactory} of this package's bucket state, processors and results.
 * Thread-safe (stateless).
 */
public final class CorrelateSerialization implements DataSerializableFactory {
    /** Factory id registered in the Hazelcast config; unique within bikeguard. */
    public static final int FACTORY_ID = 0x4247_0C01;

    static final int TAG_BUCKET = 1;
    static final int SNAPSHOT_PART = 2;
    static final int APPLY = 3;
    static final int SWEEP = 4;
    static final int FREEZE = 5;
    static final int PURGE = 6;
    static final int RESTORE = 7;
    static final int QUERY = 8;
    static final int AT_STATIONS = 9;

    /** Registers the factory (idempotent). */
    public static void register(SerializationConfig config) {
        config.getDataSerializableFactories().putIfAbsent(FACTORY_ID, new CorrelateSerialization());
    }

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        switch (typeId) {
            case TAG_BUCKET:
                return new SightingBucket();
            case SNAPSHOT_PART:
                return new SnapshotPart();
            case APPLY:
                return new BucketProcessors.Apply();
            case SWEEP:
                return new BucketProcessors.Sweep();
            case FREEZE:
                return new BucketProcessors.Freeze();
            case PURGE:
                return new BucketProcessors.Purge();
            case RESTORE:
                return new BucketProcessors.Restore();
            case QUERY:
                return new BucketProcessors.Query();
            case AT_STATIONS:
                return new BucketProcessors.AtStations();
            default:
                throw new IllegalArgumentException("unknown correlate type id " + typeId);
        }
    }
}
