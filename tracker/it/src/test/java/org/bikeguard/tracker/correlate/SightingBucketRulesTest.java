package org.bikeguard.tracker.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The read-application rule of {@link SightingBucket}, case by case. */
class SightingBucketRulesTest {
    private static final long GAP = 30_000;
    private static final long T0 = 1_732_333_333_000L;
    private static final long TAG = 0xE2000017L;

    private final SightingBucket bucket = new SightingBucket();

    private void read(int station, long offsetMs) {
        bucket.apply(TAG, station, T0 + offsetMs, 1, -70, 0, GAP);
    }

    private static Sighting open(int station, long from, long to, long reads) {
        return new Sighting(TAG, station, T0 + from, T0 + to, reads, -70, 0, true);
    }

    private static Sighting closed(int station, long from, long to, long reads) {
        return new Sighting(TAG, station, T0 + from, T0 + to, reads, -70, 0, false);
    }

    private List<Sighting> all() {
        return Sightings.sorted(bucket.all());
    }

    @Test
    void readsWithinGapMergeIntoOneOpenSightingSummingCountsMaxRssiOrFlags() {
        bucket.apply(TAG, 3, T0, 2, -80, 1, GAP);
        bucket.apply(TAG, 3, T0 + 10_000, 5, -55, 0, GAP);
        bucket.apply(TAG, 3, T0 + 25_000, 1, -90, 2, GAP);
        assertEquals(List.of(new Sighting(TAG, 3, T0, T0 + 25_000, 8, -55, 3, true)), bucket.all());
        assertEquals(1, bucket.openCount());
    }

    @Test
    void readExactlyGapAfterLastSeenStillMerges() {
        read(1, 0);
        read(1, GAP);
        assertEquals(List.of(open(1, 0, GAP, 2)), all());
    }

    @Test
    void readMoreThanGapAfterLastSeenClosesSightingAndOpensNewOne() {
        read(1, 0);
        read(1, 10_000);
        read(1, 10_000 + GAP + 1);
        assertEquals(List.of(closed(1, 0, 10_000, 2), open(1, 10_000 + GAP + 1, 10_000 + GAP + 1, 1)), all());
        assertEquals(1, bucket.openCount());
    }

    @Test
    void overlappingStationsKeepOneOpenSightingEach() {
        read(1, 0);
        read(2, 1_000);
        read(1, 2_000);
        read(2, 3_000);
        assertEquals(List.of(open(1, 0, 2_000, 2), open(2, 1_000, 3_000, 2)), all());
        assertEquals(2, bucket.openCount());
    }

    @Test
    void readsAFewSecondsOutOfOrderMergeNormally() {
        read(1, 10_000);
        read(1, 5_000);
        read(1, 12_000);
        read(1, 3_000);
        assertEquals(List.of(open(1, 3_000, 12_000, 4)), all());
    }

    @Test
    void lateReadAmendsTheClosedPendingSightingItBelongsTo() {
        read(1, 0);
        read(1, 10_000);
        read(1, 100_000);
        read(1, 20_000);
        assertEquals(List.of(closed(1, 0, 20_000, 3), open(1, 100_000, 100_000, 1)), all());
    }

    @Test
    void lateReadMatchingNoClosedSightingFormsItsOwnClosedSighting() {
        read(1, 100_000);
        read(1, 0);
        assertEquals(List.of(closed(1, 0, 0, 1), open(1, 100_000, 100_000, 1)), all());
    }

    @Test
    void readContinuingASweptUnfrozenSightingOpensItAgain() {
        read(1, 0);
        bucket.sweep(new long[] {0, T0 + 1});
        read(1, 20_000);
        assertEquals(List.of(open(1, 0, 20_000, 2)), all());
        assertEquals(1, bucket.openCount());
    }

    @Test
    void aStayTheStationClockRanAheadOfIsOneSightingWhateverSnapshotsHappen() {
        // the station's newest read (another tag) passed lastSeen + gap before this tag's next
        // aggregated entry arrived; checkpoints (snapshots) keep coming while the tag stays
        read(1, 0);
        bucket.sweep(new long[] {0, T0 + 1});
        read(1, 25_000);
        bucket.snapshot(1);
        for (long t = 50_000; t <= 200_000; t += 25_000) {
            read(1, t);
            bucket.sweep(new long[] {0, T0 + t - GAP});
            bucket.snapshot(t);
        }
        assertEquals(List.of(open(1, 0, 200_000, 9)), all());
    }

    @Test
    void readMatchingAnOlderClosedPendingSightingAmendsItWithoutOpeningIt() {
        read(1, 0);
        read(1, GAP + 10_000);
        bucket.sweep(new long[] {0, Long.MAX_VALUE});
        read(1, 5_000);
        assertEquals(List.of(closed(1, 0, 5_000, 2), closed(1, GAP + 10_000, GAP + 10_000, 1)), all());
        assertEquals(0, bucket.openCount());
    }

    @Test
    void lateReadAfterSweepClosedTheSightingIsLateTooNotANewOpenOne() {
        read(1, 100_000);
        read(1, 120_000);
        bucket.sweep(new long[] {0, Long.MAX_VALUE});
        read(1, 10_000);
        read(1, 125_000);
        assertEquals(List.of(closed(1, 10_000, 10_000, 1), open(1, 100_000, 125_000, 3)), all());
        assertEquals(1, bucket.openCount());
    }

    @Test
    void readLongAfterSweptSightingOpensNewOne() {
        read(1, 0);
        bucket.sweep(new long[] {0, Long.MAX_VALUE});
        read(1, GAP + 1);
        assertEquals(List.of(closed(1, 0, 0, 1), open(1, GAP + 1, GAP + 1, 1)), all());
    }

    @Test
    void frozenSightingIsNeverAmendedLaterReadsFormTheirOwn() {
        read(1, 0);
        bucket.sweep(new long[] {0, T0 + 1});
        SnapshotPart part = bucket.snapshot(7);
        assertEquals(List.of(closed(1, 0, 0, 1)), SightingCodec.decode(part.closed()));
        read(1, 5_000);
        assertEquals(List.of(closed(1, 0, 0, 1), open(1, 5_000, 5_000, 1)), all());
        assertEquals(List.of(), SightingCodec.decode(bucket.snapshot(8, 7).closed()), "frozen with epoch 7");
        assertEquals(
                List.of(closed(1, 0, 0, 1)),
                SightingCodec.decode(bucket.snapshot(9, 6).closed()),
                "frozen above 6");
    }

    @Test
    void replayedFramesAreAppliedOnceAndMarksSurviveSerialization() {
        ReadBatch batch = new ReadBatch(4);
        batch.frame(3, 100);
        batch.add(TAG, 1, T0, 1, -70, 0);
        batch.frame(3, 101);
        batch.add(TAG, 1, T0 + 1_000, 1, -70, 0);
        ReadChunk chunk = new ReadChunk(2);
        chunk.add(batch, 0);
        chunk.add(batch, 1);
        assertEquals(0, chunk.applyTo(bucket, 30_000));
        assertEquals(2, chunk.applyTo(bucket, 30_000), "a replay of frames 100 and 101 of lane 3 is skipped");
        assertEquals(101, bucket.laneMark(3));
        assertEquals(0, bucket.laneMark(4), "another lane's frames are not held back");
        SnapshotPart part = bucket.snapshot(1);
        assertEquals(101, LaneMarks.decode(part.marks()).mark(3));
        assertEquals(List.of(open(1, 0, 1_000, 2)), SightingCodec.decode(part.open()));
    }

    @Test
    void sweepClosesByEachStationsEventTimeCutoffOnly() {
        read(0, 0);
        read(1, 0);
        read(2, 50_000);
        read(3, 0);
        // station 0: cut-off before lastSeen -> stays; 1: after -> closes; 2: before -> stays;
        // station 3 is beyond the array -> untouched
        int closed = bucket.sweep(new long[] {T0, T0 + 1, T0 + 50_000});
        assertEquals(1, closed);
        assertEquals(
                List.of(open(0, 0, 0, 1), closed(1, 0, 0, 1), open(3, 0, 0, 1), open(2, 50_000, 50_000, 1)), all());
        assertEquals(3, bucket.openCount());
    }

    @Test
    void silentStationCutoffMaxValueClosesAllItsOpenSightings() {
        read(4, 0);
        bucket.apply(TAG + 1, 4, T0 + 999_000, 1, -70, 0, GAP);
        read(5, 0);
        long[] cut = new long[6];
        cut[4] = Long.MAX_VALUE;
        bucket.sweep(cut);
        assertEquals(1, bucket.openCount());
        assertEquals(List.of(closed(4, 0, 0, 1), open(5, 0, 0, 1)), Sightings.sorted(bucket.sightingsOf(TAG)));
    }

    @Test
    void purgeRemovesFrozenSightingsUpToTheEpochAndKeepsTheRest() {
        read(1, 0);
        read(1, 100_000);
        bucket.snapshot(1);
        read(1, 200_000);
        bucket.snapshot(2);
        assertEquals(3, bucket.size());
        assertEquals(1, bucket.purge(1));
        assertEquals(List.of(closed(1, 100_000, 100_000, 1), open(1, 200_000, 200_000, 1)), all());
        assertEquals(1, bucket.purge(2));
        assertEquals(List.of(open(1, 200_000, 200_000, 1)), all());
        read(1, 210_000);
        assertEquals(List.of(open(1, 200_000, 210_000, 2)), all());
    }

    @Test
    void snapshotRejectsNegativeEpoch() {
        assertThrows(IllegalArgumentException.class, () -> bucket.snapshot(-1));
    }

    @Test
    void tableGrowsAndKeepsEveryPairReachable() {
        for (int t = 0; t < 5_000; t++) {
            bucket.apply(t, t % 7, T0, 1, -60, 0, GAP);
        }
        for (int t = 0; t < 5_000; t++) {
            bucket.apply(t, t % 7, T0 + 1_000, 1, -60, 0, GAP);
        }
        assertEquals(5_000, bucket.size());
        assertEquals(5_000, bucket.openCount());
        assertEquals(
                List.of(new Sighting(4_321, 4_321 % 7, T0, T0 + 1_000, 2, -60, 0, true)), bucket.sightingsOf(4_321));
    }
}
