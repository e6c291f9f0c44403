package org.bikeguard.tracker.audit;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.bikeguard.tracker.auth.AuthAudit;

/**
 * Writes rows of {@code audit_log}: who (username, role) did what (action) to which subject
 * (e.g. a canonical tag id), with an optional police case number. The table is append-only and
 * its insert trigger links every row into one hash chain ({@code sql/V25__audit_chain.sql},
 * checked by {@link AuditChain}) under a database-wide lock held until the inserting transaction
 * commits, so chained inserts are serialized across every tracker process sharing the database.
 *
 * <p>To keep that affordable, rows are group-committed: callers that arrive while a batch is
 * being written queue up, and one of them (the leader) writes everything queued, up to
 * {@value #MAX_BATCH} rows, in one transaction (one lock, one commit), then hands the lead to the
 * next waiting caller. {@link #record} returns only once its own row is committed, as before.
 * No thread of its own. Do not call it inside a transaction of your own that has itself inserted
 * into {@code audit_log} (that transaction holds the chain's lock until it ends, and the batch
 * would wait for it). Blocking (JDBC): call from a worker. Thread-safe.
 */
public final class AuditLog implements AuthAudit {

    /** Rows written in one transaction at most. */
    static final int MAX_BATCH = 256;

    private static final String INSERT = "INSERT INTO audit_log (username, role, action, subject, case_no, details, at)"
            + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)";

    private final DataSource ds;
    private final Clock clock;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    /** @param clock the tracker's clock: the time each row records */
    public AuditLog(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * One row. {@code done} completes when it is committed (or fails with why not); {@code lead}
     * when its caller is to write the next batch.
     */
    private record Pending(
            String username,
            String role,
            String action,
            String subject,
            String caseNo,
            String details,
            Instant at,
            CompletableFuture<Void> done,
            CompletableFuture<Void> lead) {}

    /**
     * Records one action of {@code actor} (adding {@code via} to the details when a service acted
     * for them); the row's {@code at} is the clock's now (UTC).
     *
     * @throws IllegalStateException when the row cannot be written (the caller must then not
     *                               hand out the audited data)
     */
    public void record(Actor actor, String action, String subject, String caseNo, JsonObject details) {
        record(actor.username(), actor.role(), action, subject, caseNo, actor.details(details));
    }

    /**
     * Records one action; the row's {@code at} is the clock's now (UTC). Returns once the row is
     * committed.
     *
     * @throws IllegalStateException when the row cannot be written (the caller must then not
     *                               hand out the audited data)
     */
    @Override
    public void record(String username, String role, String action, String subject, String caseNo, JsonObject details) {
        Pending p = new Pending(
                username,
                role,
                action,
                subject,
                caseNo,
                (details == null ? new JsonObject() : details).encode(),
                clock.instant(),
                new CompletableFuture<>(),
                new CompletableFuture<>());
        boolean lead;
        synchronized (queue) {
            queue.add(p);
            lead = !writing;
            writing = true;
        }
        if (lead) {
            writeQueued();
        } else {
            get(CompletableFuture.anyOf(p.done(), p.lead()));
            if (!p.done().isDone()) {
                writeQueued();
            }
        }
        get(p.done());
    }

    /**
     * Waits without giving up on interrupts: a caller that stopped waiting could be handed the
     * lead and leave everyone behind it waiting.
     */
    private static void get(CompletableFuture<?> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IllegalStateException ise
                    ? ise
                    : new IllegalStateException("cannot write audit log: " + e.getCause(), e.getCause());
        }
    }

    /** As the leader: writes one batch of what is queued (the leader's own row first), then passes the lead on. */
    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        synchronized (queue) {
            while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(queue.poll());
            }
        }
        try {
            write(batch);
            batch.forEach(b -> b.done().complete(null));
        } catch (SQLException e) {
            // one bad row must not fail the others: write them one by one
            for (Pending b : batch) {
                try {
                    write(List.of(b));
                    b.done().complete(null);
                } catch (SQLException single) {
                    b.done()
                            .completeExceptionally(new IllegalStateException(
                                    "cannot write audit log: " + single.getMessage(), single));
                }
            }
        } finally {
            if (batch.stream().anyMatch(b -> !b.done().isDone())) {
                IllegalStateException unwritten =
                        new IllegalStateException("cannot write audit log: the writer failed");
                batch.forEach(b -> b.done().completeExceptionally(unwritten));
            }
            synchronized (queue) {
                Pending next = queue.peek();
                if (next == null) {
                    writing = false;
                } else {
                    next.lead().complete(null);
                }
            }
        }
    }

    /** Inserts {@code rows} in one transaction (the trigger chains them in this order). */
    private void write(List<Pending> rows) throws SQLException {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(INSERT)) {
                for (Pending p : rows) {
                    st.setString(1, p.username());
                    st.setString(2, p.role());
                    st.setString(3, p.action());
                    st.setString(4, p.subject());
                    st.setString(5, p.caseNo());
                    st.setString(6, p.details());
                    st.setTimestamp(7, Timestamp.from(p.at()));
                    st.addBatch();
                }
                st.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }
}
