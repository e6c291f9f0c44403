package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.common.config.ConfigException;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.Read;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.config.TrackerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class IngestBudgetTest {

    @Test
    void theMarksAreTheBufferHalfOfItAndTwiceIt() {
        IngestBudget b = new IngestBudget(1000);
        assertEquals(1000, b.highWater());
        assertEquals(500, b.lowWater());
        assertEquals(2000, b.hardLimit());
        assertThrows(IllegalArgumentException.class, () -> new IngestBudget(1));
    }

    @Test
    void readingPausesAtTheHighWaterMarkAndResumesOnlyAtTheLowWaterMark() {
        IngestBudget b = new IngestBudget(1000);
        AtomicInteger resumes = new AtomicInteger();
        b.onResume(resumes::incrementAndGet);
        assertTrue(b.tryAcquire(999));
        assertFalse(b.readsPaused(), "below the high-water mark");
        assertTrue(b.tryAcquire(1));
        assertTrue(b.readsPaused(), "at the high-water mark");
        b.release(499);
        assertTrue(b.readsPaused(), "501 bytes: still above the low-water mark");
        assertEquals(0, resumes.get());
        b.release(1);
        assertFalse(b.readsPaused(), "500 bytes: at the low-water mark");
        assertEquals(1, resumes.get());
        b.release(100);
        assertEquals(1, resumes.get(), "one resume per pause");
        assertEquals(400, b.used());
        assertEquals(1000, b.maxUsed());
    }

    @Test
    void aFrameIsRefusedOnlyPastTheHardLimitNeverUnderTheBudget() {
        IngestBudget b = new IngestBudget(1000);
        for (int i = 0; i < 19; i++) {
            assertTrue(b.tryAcquire(100), "frame " + i);
        }
        assertTrue(b.tryAcquire(100), "exactly at the hard limit");
        assertFalse(b.tryAcquire(1), "past the hard limit");
        assertEquals(2000, b.used(), "a refusal charges nothing");
        b.release(2000);
        assertTrue(b.tryAcquire(5000), "an empty buffer takes one frame of any size");
        assertTrue(b.readsPaused());
    }

    @Test
    void chargedFramesAreReleasedOnceWhenAppliedAndReplayedFramesReleaseNothing() {
        IngestBudget b = new IngestBudget(1 << 20);
        List<LoggedFrame> frames = List.of(frame(1, 3), frame(2, 100));
        long bytes = IngestBudget.weight(frames.get(0)) + IngestBudget.weight(frames.get(1));
        assertTrue(b.tryAcquire(bytes));
        List<LoggedFrame> charged = b.charged(frames);
        assertEquals(frames, charged, "the same frames, in order");
        b.applied(new ArrayList<>(frames));
        assertEquals(bytes, b.used(), "a list not marked as charged (a replay) releases nothing");
        b.applied(charged);
        assertEquals(0, b.used());
        b.applied(charged);
        assertEquals(0, b.used(), "released once however often handed back");
    }

    @Test
    void aFrameWeighsItsPayloadItsDecodedEntriesAndItsObjects() {
        LoggedFrame f = frame(7, 100);
        assertEquals(
                f.payload().length + 100L * IngestBudget.BYTES_PER_ENTRY + IngestBudget.BYTES_PER_FRAME,
                IngestBudget.weight(f));
        assertTrue(IngestBudget.weight(f) > 3_000, "above the decoded frame's real size (about 2.4 KB)");
    }

    @Test
    void concurrentAcquiresAndReleasesBalanceAndNeverPassTheHardLimit() throws Exception {
        IngestBudget b = new IngestBudget(10_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> refused = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                refused.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < 100_000; i++) {
                        if (b.tryAcquire(700)) {
                            b.release(700);
                        } else {
                            n++;
                        }
                    }
                    return n;
                }));
            }
            for (Future<Integer> r : refused) {
                assertEquals(0, r.get(20, TimeUnit.SECONDS), "4 frames in flight never reach the hard limit");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, b.used());
        assertTrue(b.maxUsed() <= 2_800, "max " + b.maxUsed());
        assertFalse(b.readsPaused());
    }

    @Test
    void theMetersArePublished() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        IngestBudget b = new IngestBudget(1000).register(r);
        b.tryAcquire(1200);
        b.connectionPaused();
        b.connectionPaused();
        b.connectionResumed();
        assertEquals(1200, r.get("bikeguard.ingest.buffer.bytes").gauge().value());
        assertEquals(1200, r.get("bikeguard.ingest.buffer.max.bytes").gauge().value());
        assertEquals(
                1000, r.get("bikeguard.ingest.buffer.high.water.bytes").gauge().value());
        assertEquals(
                500, r.get("bikeguard.ingest.buffer.low.water.bytes").gauge().value());
        assertEquals(1, r.get("bikeguard.ingest.paused.connections").gauge().value());
        assertEquals(2, r.get("bikeguard.ingest.pauses").functionCounter().count());
    }

    @Test
    void theBufferSettingDefaultsToAnEighthOfTheHeapWithinBounds() {
        long mib = IngestBudget.MIB;
        assertEquals(512 * mib, TrackerConfig.defaultIngestBufferBytes(4096 * mib));
        assertEquals(16 * mib, TrackerConfig.defaultIngestBufferBytes(64 * mib), "at least 16 MiB");
        assertEquals(1024 * mib, TrackerConfig.defaultIngestBufferBytes(32_768 * mib), "at most 1 GiB");
        assertEquals(
                3 * mib,
                ConfigLoader.fromMap(Map.of("BIKEGUARD_INGEST_BUFFER_MB", "3")).ingestBufferBytes());
        assertEquals(
                TrackerConfig.defaultIngestBufferBytes(Runtime.getRuntime().maxMemory()),
                ConfigLoader.fromMap(Map.of()).ingestBufferBytes());
        assertThrows(ConfigException.class, () -> ConfigLoader.fromMap(Map.of("BIKEGUARD_INGEST_BUFFER_MB", "0")));
    }

    private static LoggedFrame frame(long seq, int entries) {
        List<Read> reads = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            reads.add(new Read(0xE200_0000L + i, 1_700_000_000_000L + i, -60, 1, 0));
        }
        Frame f = Frame.of("ST-1", seq, reads);
        byte[] payload = org.bikeguard.protocol.FrameCodec.encodeBinary(f);
        return new LoggedFrame(0, 0, 1_700_000_000_000L, 1, payload, f);
    }
}
