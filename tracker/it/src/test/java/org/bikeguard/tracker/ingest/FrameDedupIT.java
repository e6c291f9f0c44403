package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.Read;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.TestConfigs;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.tracker.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The frame log's durable dedup ({@code frame_dedup}) on a real PostgreSQL, without the in-memory
 * {@link RedeliveryFilter} in front of it (as after a restart or on another member): a resend of
 * the same reads is acknowledged with the first copy's id and logged once; the same (station, seq)
 * with other reads is a restarted seq counter, logged as a new frame and recorded in the
 * {@code seqRestart} flag once per episode.
 */
class FrameDedupIT {

    private static final long T0 = ScenarioClock.start().toEpochMilli();

    private Database db;
    private SimpleMeterRegistry registry;
    private FrameLogWriter writer;
    private final List<LoggedFrame> committed = new ArrayList<>();

    @BeforeEach
    void start() {
        db = TestDatabase.newDatabase(TestConfigs.config());
        registry = new SimpleMeterRegistry();
        writer = new FrameLogWriter(db, new IngestMetrics(registry), 1L << 30, 100, 1, batch -> {
            synchronized (committed) {
                committed.addAll(batch);
            }
        });
    }

    @AfterEach
    void stop() {
        writer.close();
        db.close();
    }

    @Test
    void aResendIsLoggedOnceAndAReusedSeqWithOtherReadsIsLoggedAsANewFrame() throws Exception {
        writer.start();
        FrameLogWriter.Logged first = append("FD-1", 1, 0xA1L, T0);
        FrameLogWriter.Logged resend = append("FD-1", 1, 0xA1L, T0);
        assertTrue(first.firstCopy());
        assertFalse(resend.firstCopy());
        assertEquals(first.id(), resend.id(), "acknowledged with the first copy's id");
        assertEquals(0, counter("bikeguard.ingest.seq.reused"));

        FrameLogWriter.Logged restarted = append("FD-1", 1, 0xB2L, T0 + 60_000);
        assertTrue(restarted.firstCopy(), "other reads under a used seq: a new frame");
        FrameLogWriter.Logged restartedResend = append("FD-1", 1, 0xB2L, T0 + 60_000);
        assertFalse(restartedResend.firstCopy(), "and its own resend is a resend");
        assertEquals(restarted.id(), restartedResend.id());

        assertEquals(2, rows("SELECT count(*) FROM frame_log WHERE station = 'FD-1'"));
        assertEquals(1, counter("bikeguard.ingest.seq.reused"));
        assertEquals(1, counter("bikeguard.ingest.seq.restarts"));
        assertEquals(1, rows("SELECT episodes FROM station_seq_restarts WHERE station = 'FD-1'"));
    }

    @Test
    void reusedSeqsLessThanTenMinutesApartAreOneEpisodeAndALaterOneStartsAnother() throws Exception {
        writer.start();
        for (int seq = 1; seq <= 3; seq++) {
            append("FD-2", seq, 0x100L + seq, T0 + seq);
        }
        // the counter restarts: seqs 1..3 again, with other reads, a minute apart
        for (int seq = 1; seq <= 3; seq++) {
            assertTrue(append("FD-2", seq, 0x200L + seq, T0 + seq * 60_000L).firstCopy());
        }
        assertEquals(3, counter("bikeguard.ingest.seq.reused"));
        assertEquals(1, counter("bikeguard.ingest.seq.restarts"), "one episode");
        assertEquals(3, rows("SELECT episode_frames FROM station_seq_restarts WHERE station = 'FD-2'"));
        // eleven minutes after the last reuse, the counter restarts again
        long later = T0 + 3 * 60_000L + 11 * 60_000L;
        assertTrue(append("FD-2", 1, 0x300L, later).firstCopy());
        assertEquals(2, counter("bikeguard.ingest.seq.restarts"));
        assertEquals(2, rows("SELECT episodes FROM station_seq_restarts WHERE station = 'FD-2'"));
        assertEquals(1, rows("SELECT episode_frames FROM station_seq_restarts WHERE station = 'FD-2'"));
        assertEquals(4, rows("SELECT frames FROM station_seq_restarts WHERE station = 'FD-2'"));
        assertEquals(
                later,
                rows(
                        "SELECT (extract(epoch FROM since) * 1000)::bigint FROM station_seq_restarts WHERE station = 'FD-2'"));
        assertEquals(7, rows("SELECT count(*) FROM frame_log WHERE station = 'FD-2'"));
    }

    @Test
    void inOneBatchACopyIsAResendAndOtherReadsUnderTheSameSeqAreANewFrame() throws Exception {
        // queued before the writer starts: one batch
        CompletableFuture<FrameLogWriter.Logged> a = appendAsync("FD-3", 5, 0xC1L, T0);
        CompletableFuture<FrameLogWriter.Logged> b = appendAsync("FD-3", 5, 0xC1L, T0);
        CompletableFuture<FrameLogWriter.Logged> c = appendAsync("FD-3", 5, 0xC2L, T0);
        CompletableFuture<FrameLogWriter.Logged> d = appendAsync("FD-3", 5 + FrameDedup.SLOTS, 0xC3L, T0);
        writer.start();
        assertTrue(a.get(10, TimeUnit.SECONDS).firstCopy());
        assertFalse(b.get(10, TimeUnit.SECONDS).firstCopy());
        assertEquals(a.get().id(), b.get().id());
        assertTrue(c.get(10, TimeUnit.SECONDS).firstCopy());
        assertTrue(d.get(10, TimeUnit.SECONDS).firstCopy(), "same slot, another seq: new, no restart");
        assertEquals(3, rows("SELECT count(*) FROM frame_log WHERE station = 'FD-3'"));
        assertEquals(1, counter("bikeguard.ingest.seq.reused"));
        // the applier is told after the appends complete, on the writer's thread: wait for it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (committed) {
                if (committed.size() >= 3) {
                    break;
                }
            }
            Thread.sleep(10);
        }
        synchronized (committed) {
            assertEquals(3, committed.size(), "the applier gets each new frame once");
        }
    }

    @Test
    void aRowFromBeforeDigestsMatchesAnyReadsAsBefore() throws Exception {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO frame_dedup (station, slot, seq, frame_id) VALUES ('FD-4', 7, 7, 42)");
        }
        writer.start();
        FrameLogWriter.Logged resend = append("FD-4", 7, 0xD1L, T0);
        assertFalse(resend.firstCopy());
        assertEquals(42, resend.id());
        assertEquals(0, counter("bikeguard.ingest.seq.reused"));
    }

    // --- helpers ---

    private FrameLogWriter.Logged append(String station, long seq, long tag, long ts) throws Exception {
        return appendAsync(station, seq, tag, ts).get(10, TimeUnit.SECONDS);
    }

    /** A frame of one read of {@code tag} at {@code ts}, received at {@code ts}. */
    private CompletableFuture<FrameLogWriter.Logged> appendAsync(String station, long seq, long tag, long ts) {
        Frame f = Frame.of(station, seq, List.of(new Read(tag, ts, -60, 1, 0)));
        return writer.append(new LoggedFrame(0, 0, ts, 0, new byte[] {1}, f), station, seq);
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private long rows(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }
}
