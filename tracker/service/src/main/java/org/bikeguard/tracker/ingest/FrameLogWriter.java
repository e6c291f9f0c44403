package org.bikeguard.tracker.ingest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.bikeguard.common.worker.SerialWorker;
import org.bikeguard.tracker.db.Database;
import org.bikeguard.tracker.db.PgBinaryCopy;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends frames to the frame log in PostgreSQL with group commit: one {@link SerialWorker}
 * thread ({@code bikeguard-framelog}) drains the bounded queue, writes everything waiting (at most
 * {@code maxBatch} frames) in one binary COPY, commits, and only then completes each
 * frame's future (which is when the MQTT PUBACK may go out). Every frame goes to this process's
 * lane; ids are assigned here, so they grow with commit order within the lane. In the same
 * transaction {@link FrameDedup} recognises frames some member logged before (a station's resend
 * after failover or a restart): those are acknowledged, not logged again; and frames that reuse a
 * logged seq with other reads (a station that restarted its seq counter): those are logged as new
 * frames and recorded in {@link SeqRestarts} (a WARN and {@code bikeguard_ingest_seq_restarts_total}
 * once per episode, {@code bikeguard_ingest_seq_reused_total} per frame). Committed batches are
 * handed, in order, to the {@code onCommitted} consumer on the writer thread. {@link #append} is thread-safe and never blocks.
 */
public final class FrameLogWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameLogWriter.class);
    private static final int ID_BLOCK = 1024;
    private static final String COPY_SQL =
            "COPY frame_log (id, lane, received_at, station, seq, payload) FROM STDIN (FORMAT binary)";

    /**
     * The outcome of an append.
     *
     * @param id        the frame-log id of the frame (of its first copy when {@code firstCopy} is false)
     * @param firstCopy false when the same (station, seq) had already been logged, by any member at
     *                  any time: the frame was not logged again and will not be applied again
     */
    public record Logged(long id, boolean firstCopy) {}

    private record Pending(LoggedFrame frame, String station, long seq, long digest, CompletableFuture<Logged> done) {}

    private final Database db;
    private final IngestMetrics metrics;
    private final Consumer<List<LoggedFrame>> onCommitted;
    private final SerialWorker<Pending> worker;
    private final PgBinaryCopy copy = new PgBinaryCopy();
    private final FrameDedup dedup = new FrameDedup();
    private final int lane;
    private volatile long oldestQueuedAt;
    private Connection connection;
    private long nextId;
    private long idLimit;

    /**
     * @param capacity    bound of the queue: {@link IngestBudget#weight} bytes of the frames waiting
     * @param lane        the frame-log lane this process appends to (claimed at start)
     * @param onCommitted gets each batch's newly logged frames (not the resends), in commit order
     */
    public FrameLogWriter(
            Database db,
            IngestMetrics metrics,
            long capacity,
            int maxBatch,
            int lane,
            Consumer<List<LoggedFrame>> onCommitted) {
        this.db = db;
        this.lane = lane;
        this.metrics = metrics;
        this.onCommitted = onCommitted;
        this.worker = SerialWorker.<Pending>named("bikeguard-framelog")
                .maxWeight(capacity, p -> IngestBudget.weight(p.frame()))
                .stopTimeout(Duration.ofSeconds(10))
                .onStop(this::closeConnection)
                .batches(maxBatch, this::write);
        metrics.registry().gauge("bikeguard.framelog.queue.frames", worker, SerialWorker::pending);
        metrics.registry().gauge("bikeguard.framelog.lag.seconds", this, FrameLogWriter::lagSeconds);
    }

    public FrameLogWriter start() {
        worker.start();
        return this;
    }

    /** Like {@link #append(LoggedFrame, String, long, long)}, computing the frame's digest here. */
    public CompletableFuture<Logged> append(LoggedFrame frame, String station, long seq) {
        return append(frame, station, seq, FrameDigest.of(frame.frame()));
    }

    /**
     * Queues a frame for the log. The future completes with the frame-log id once the frame is
     * committed, or exceptionally if the log is unavailable; it is already failed when the queue
     * is full (the caller should then drop the connection so the station resends later).
     *
     * @param digest the frame's {@link FrameDigest}: tells a resend from a reused seq
     */
    public CompletableFuture<Logged> append(LoggedFrame frame, String station, long seq, long digest) {
        CompletableFuture<Logged> done = new CompletableFuture<>();
        if (!worker.offer(new Pending(frame, station, seq, digest, done))) {
            done.completeExceptionally(
                    new IllegalStateException(worker.isClosed() ? "frame log is closed" : "frame log queue full"));
        } else if (oldestQueuedAt == 0) {
            oldestQueuedAt = System.currentTimeMillis();
        }
        return done;
    }

    /** Seconds the oldest waiting frame has waited (0 when the queue is empty). */
    public double lagSeconds() {
        long t = oldestQueuedAt;
        return t == 0 || worker.pending() == 0 ? 0 : (System.currentTimeMillis() - t) / 1000.0;
    }

    /** One group commit, on the writer thread; retried once when the database reports a deadlock. */
    private void write(List<Pending> batch) {
        oldestQueuedAt = worker.pending() == 0 ? 0 : System.currentTimeMillis();
        long start = System.nanoTime();
        List<FrameDedup.Key> keys = new ArrayList<>(batch.size());
        Map<Integer, Long> resent = Map.of();
        List<Integer> reused = List.of();
        List<String> episodes = List.of();
        List<LoggedFrame> committed = new ArrayList<>(batch.size());
        for (int attempt = 1; ; attempt++) {
            try {
                Connection c = connection();
                if (keys.isEmpty()) {
                    for (Pending p : batch) {
                        keys.add(new FrameDedup.Key(p.station(), p.seq(), p.digest(), takeId(c)));
                    }
                }
                FrameDedup.Result found = dedup.register(c, keys);
                resent = found.earlier();
                reused = found.reused();
                episodes =
                        reused.isEmpty() ? List.of() : SeqRestarts.record(c, reusedByStation(batch, reused), at(batch));
                committed.clear();
                copy.reset();
                for (int i = 0; i < batch.size(); i++) {
                    if (resent.containsKey(i)) {
                        continue;
                    }
                    Pending p = batch.get(i);
                    LoggedFrame f = p.frame().logged(keys.get(i).id(), lane);
                    committed.add(f);
                    copy.row(6)
                            .int8(f.id())
                            .int4(lane)
                            .timestampMillis(f.receivedAt())
                            .text(p.station())
                            .int8(p.seq())
                            .bytea(f.payload());
                }
                if (!committed.isEmpty()) {
                    int n = copy.finish();
                    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
                    in.writeToCopy(copy.buffer(), 0, n);
                    in.endCopy();
                }
                c.commit();
                break;
            } catch (SQLException | RuntimeException e) {
                boolean retry = attempt == 1 && e instanceof SQLException se && isConflict(se);
                LOG.warn(
                        "frame-log batch failed{} [frames: {}, error: {}]",
                        retry ? ", retrying" : ", frames stay unacknowledged",
                        batch.size(),
                        e.getMessage());
                closeConnection();
                if (!retry) {
                    for (Pending p : batch) {
                        p.done().completeExceptionally(e);
                    }
                    return;
                }
            }
        }
        metrics.logBatch(batch.size(), System.nanoTime() - start);
        if (!reused.isEmpty()) {
            reportReused(batch, reused, episodes);
        }
        for (int i = 0; i < batch.size(); i++) {
            Long first = resent.get(i);
            batch.get(i).done().complete(new Logged(first == null ? keys.get(i).id() : first, first == null));
        }
        try {
            onCommitted.accept(committed);
        } catch (RuntimeException e) {
            LOG.error("handing committed frames to the applier failed; they are replayed from the frame log", e);
        }
    }

    private static List<SeqRestarts.Reused> reusedByStation(List<Pending> batch, List<Integer> reused) {
        List<SeqRestarts.Reused> out = new ArrayList<>(reused.size());
        for (int i : reused) {
            out.add(new SeqRestarts.Reused(batch.get(i).station(), batch.get(i).seq(), 1));
        }
        return out;
    }

    /** When the batch's frames arrived: the latest arrival, by the tracker clock (epoch ms UTC). */
    private static long at(List<Pending> batch) {
        long at = 0;
        for (Pending p : batch) {
            at = Math.max(at, p.frame().receivedAt());
        }
        return at;
    }

    /** Counts the frames that reused a seq, and warns once per new restart episode. */
    private void reportReused(List<Pending> batch, List<Integer> reused, List<String> episodes) {
        metrics.seqReused(reused.size());
        for (String station : episodes) {
            metrics.seqRestart();
            long seq = -1;
            for (int i : reused) {
                if (batch.get(i).station().equals(station)) {
                    seq = batch.get(i).seq();
                    break;
                }
            }
            LOG.warn(
                    "station restarted its seq counter: frames reusing seqs it sent before are logged as new "
                            + "frames [station: {}, seq: {}]; see docs/protocol.md, the seq rule",
                    station,
                    Long.toUnsignedString(seq));
        }
    }

    /** Deadlock or serialization failure: the same batch may succeed when tried again. */
    private static boolean isConflict(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    private long takeId(Connection c) throws SQLException {
        if (nextId == idLimit) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT nextval('frame_log_id_seq')")) {
                rs.next();
                nextId = rs.getLong(1);
                idLimit = nextId + ID_BLOCK;
            }
        }
        return nextId++;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = db.openDedicatedConnection();
            try (Statement st = connection.createStatement()) {
                // Whatever the server's default: a frame is acknowledged only once it is on disk.
                st.execute("SET synchronous_commit TO on");
            }
            connection.setAutoCommit(false);
            nextId = idLimit = 0;
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing frame-log connection: {}", e.getMessage());
            }
            connection = null;
        }
    }

    /** Stops taking frames, writes what is queued, and stops the thread (waits up to 10 s). Idempotent. */
    @Override
    public void close() {
        worker.close();
    }
}
