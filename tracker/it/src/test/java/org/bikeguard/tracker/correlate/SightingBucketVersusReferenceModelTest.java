package org.bikeguard.tracker.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomized: a {@link SightingBucket} (serialized and restored now and then, as on migration) gives
 * exactly the sightings of the simple {@link ReferenceModel} under reads, sweeps, snapshots and
 * purges.
 */
class SightingBucketVersusReferenceModelTest {
    private static final long GAP = 30_000;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void bucketMatchesReferenceModelOnRandomOperations(long seed) {
        InternalSerializationService ser = serialization();
        RandomStream stream = new RandomStream(seed, 25, 6);
        Random rnd = stream.random();
        SightingBucket bucket = new SightingBucket();
        ReferenceModel model = new ReferenceModel(GAP);
        ReadBatch batch = new ReadBatch(64);
        long epoch = 0;
        for (int step = 0; step < 400; step++) {
            batch.clear();
            stream.fill(batch, 1 + rnd.nextInt(50));
            for (int i = 0; i < batch.size(); i++) {
                bucket.apply(
                        batch.tag(i),
                        batch.station(i),
                        batch.ts(i),
                        batch.count(i),
                        batch.rssi(i),
                        batch.flags(i),
                        GAP);
            }
            model.apply(batch);
            int op = rnd.nextInt(20);
            if (op < 4) {
                long[] cut = stream.cutoffs(GAP);
                if (op == 0) {
                    cut[rnd.nextInt(cut.length)] = Long.MAX_VALUE;
                }
                bucket.sweep(cut);
                model.sweep(cut);
            } else if (op == 4) {
                epoch++;
                SnapshotPart part = bucket.snapshot(epoch);
                assertEquals(
                        Sightings.sorted(model.snapshot(epoch)), Sightings.sorted(SightingCodec.decode(part.closed())));
            } else if (op == 5 && epoch > 0) {
                long upTo = epoch - rnd.nextInt((int) Math.min(epoch, 3));
                bucket.purge(upTo);
                model.purge(upTo);
            } else if (op == 6) {
                bucket = ser.toObject(ser.toData(bucket));
            }
            assertEquals(Sightings.sorted(model.all()), Sightings.sorted(bucket.all()), "step " + step);
        }
        int open = (int) model.all().stream().filter(Sighting::open).count();
        assertEquals(open, bucket.openCount());
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void sweepsAtAnyMomentWithAnyCutoffsEndInTheSameSightings(long seed) {
        RandomStream stream = new RandomStream(seed, 20, 5);
        Random rnd = new Random(seed);
        SightingBucket swept = new SightingBucket();
        SightingBucket unswept = new SightingBucket();
        ReadBatch batch = new ReadBatch(64);
        for (int step = 0; step < 300; step++) {
            batch.clear();
            stream.fill(batch, 1 + rnd.nextInt(40));
            for (int i = 0; i < batch.size(); i++) {
                swept.apply(
                        batch.tag(i),
                        batch.station(i),
                        batch.ts(i),
                        batch.count(i),
                        batch.rssi(i),
                        batch.flags(i),
                        GAP);
                unswept.apply(
                        batch.tag(i),
                        batch.station(i),
                        batch.ts(i),
                        batch.count(i),
                        batch.rssi(i),
                        batch.flags(i),
                        GAP);
            }
            if (rnd.nextInt(3) == 0) {
                long[] cut = stream.cutoffs(GAP);
                for (int s = 0; s < cut.length; s++) {
                    int kind = rnd.nextInt(4);
                    cut[s] = kind == 0 ? Long.MAX_VALUE : kind == 1 ? Long.MIN_VALUE : cut[s];
                }
                swept.sweep(cut);
            }
        }
        long[] all = new long[5];
        java.util.Arrays.fill(all, Long.MAX_VALUE);
        swept.sweep(all);
        unswept.sweep(all);
        assertEquals(Sightings.sorted(unswept.all()), Sightings.sorted(swept.all()));
    }

    static InternalSerializationService serialization() {
        SerializationConfig config = new SerializationConfig();
        CorrelateSerialization.register(config);
        return new DefaultSerializationServiceBuilder().setConfig(config).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000})
    void codecRoundTripsSightings(int n) {
        RandomStream stream = new RandomStream(n, 50, 5);
        ReadBatch batch = new ReadBatch(n);
        stream.fill(batch, n);
        SightingBucket bucket = new SightingBucket();
        for (int i = 0; i < batch.size(); i++) {
            bucket.apply(
                    batch.tag(i), batch.station(i), batch.ts(i), batch.count(i), batch.rssi(i), batch.flags(i), GAP);
        }
        List<Sighting> all = bucket.all();
        assertEquals(all, SightingCodec.decode(SightingCodec.encode(all)));
    }
}
