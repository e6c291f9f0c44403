package org.bikeguard.tracker.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster-wide, durable redelivery detection inside the frame-log transaction: upserts (station,
 * seq mod {@link #SLOTS}, digest) into {@code frame_dedup}. A row that already holds the same seq
 * with the same {@link FrameDigest} is a resend of a frame some member logged (committed, or
 * committing now: the upsert waits for that transaction's row lock), so the frame is not logged
 * again and is acknowledged with the first copy's id. A row holding the same seq with another
 * digest means the station restarted its seq counter: the frame is new (logged, counted, applied)
 * and reported as {@link Result#reused() reused}. A row written before digests existed (digest
 * NULL) matches any content, as before. Rows are locked in (station, slot) order so that
 * concurrent writers do not deadlock. Not thread-safe: used by the frame-log writer thread only.
 */
final class FrameDedup {

    /** Sequence numbers remembered per station (a station resends at most its in-flight window). */
    static final int SLOTS = 1024;

    private static final String UPSERT = "INSERT INTO frame_dedup AS d (station, slot, seq, frame_id, digest) "
            + "SELECT * FROM unnest(?::text[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[]) "
            + "ON CONFLICT (station, slot) DO UPDATE SET seq = excluded.seq, frame_id = excluded.frame_id, "
            + "digest = excluded.digest, seq_reused = (d.seq = excluded.seq) "
            + "WHERE d.seq <> excluded.seq OR d.digest <> excluded.digest "
            + "RETURNING station, seq, seq_reused";
    private static final String FIRST_COPIES = "SELECT d.station, d.seq, d.frame_id FROM frame_dedup d "
            + "JOIN unnest(?::text[], ?::int[]) AS k(station, slot) USING (station, slot)";

    /** One frame of a batch: its station, seq, content digest and the id it would get. */
    record Key(String station, long seq, long digest, long id) {
        int slot() {
            return (int) Math.floorMod(seq, (long) SLOTS);
        }

        SeqKey seqKey() {
            return new SeqKey(station, seq);
        }
    }

    /** A (station, seq) as a map key. */
    private record SeqKey(String station, long seq) {}

    /** A frame's identity within a batch: (station, seq) and content. */
    private record ContentKey(String station, long seq, long digest) {}

    /** A row of {@code frame_dedup}. */
    private record SlotKey(String station, int slot) {}

    /**
     * What the batch's registration found.
     *
     * @param earlier per index of a frame logged before, the id of its first copy (frames not in
     *                the map are new and must be logged in this transaction)
     * @param reused  indexes of new frames whose (station, seq) had been logged with other reads:
     *                their station restarted its seq counter
     */
    record Result(Map<Integer, Long> earlier, List<Integer> reused) {}

    /** Registers the batch's frames in {@code frame_dedup}, on the writer's open transaction. */
    Result register(Connection c, List<Key> keys) throws SQLException {
        Map<Integer, Long> earlier = new HashMap<>();
        List<Integer> reused = new ArrayList<>();
        Map<ContentKey, Integer> inBatch = new HashMap<>();
        List<Integer> distinct = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            Integer first = inBatch.putIfAbsent(new ContentKey(k.station(), k.seq(), k.digest()), i);
            if (first == null) {
                distinct.add(i);
            } else {
                earlier.put(i, keys.get(first).id());
            }
        }
        for (List<Integer> round : rounds(keys, distinct)) {
            round.sort(Comparator.comparing((Integer i) -> keys.get(i).station())
                    .thenComparingInt(i -> keys.get(i).slot()));
            Map<SeqKey, Boolean> fresh = upsert(c, keys, round);
            List<Integer> resent = new ArrayList<>();
            for (int i : round) {
                Boolean seqReused = fresh.get(keys.get(i).seqKey());
                if (seqReused == null) {
                    resent.add(i);
                } else if (seqReused) {
                    reused.add(i);
                }
            }
            if (!resent.isEmpty()) {
                firstCopies(c, keys, resent, earlier);
            }
        }
        reused.sort(null);
        return new Result(earlier, reused);
    }

    /** One round's upsert: per (station, seq) written, whether it reused a seq (no entry: a resend). */
    private static Map<SeqKey, Boolean> upsert(Connection c, List<Key> keys, List<Integer> round) throws SQLException {
        String[] stations = new String[round.size()];
        Integer[] slots = new Integer[round.size()];
        Long[] seqs = new Long[round.size()];
        Long[] ids = new Long[round.size()];
        Long[] digests = new Long[round.size()];
        for (int k = 0; k < round.size(); k++) {
            Key key = keys.get(round.get(k));
            stations[k] = key.station();
            slots[k] = key.slot();
            seqs[k] = key.seq();
            ids[k] = key.id();
            digests[k] = key.digest();
        }
        Map<SeqKey, Boolean> fresh = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setArray(1, c.createArrayOf("text", stations));
            ps.setArray(2, c.createArrayOf("int4", slots));
            ps.setArray(3, c.createArrayOf("int8", seqs));
            ps.setArray(4, c.createArrayOf("int8", ids));
            ps.setArray(5, c.createArrayOf("int8", digests));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.put(new SeqKey(rs.getString(1), rs.getLong(2)), rs.getBoolean(3));
                }
            }
        }
        return fresh;
    }

    /** The ids of the first copies of resent frames (read in the same round, before a later one may overwrite). */
    private static void firstCopies(Connection c, List<Key> keys, List<Integer> resent, Map<Integer, Long> out)
            throws SQLException {
        String[] stations = new String[resent.size()];
        Integer[] slots = new Integer[resent.size()];
        for (int k = 0; k < resent.size(); k++) {
            stations[k] = keys.get(resent.get(k)).station();
            slots[k] = keys.get(resent.get(k)).slot();
        }
        Map<SeqKey, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(FIRST_COPIES)) {
            ps.setArray(1, c.createArrayOf("text", stations));
            ps.setArray(2, c.createArrayOf("int4", slots));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(new SeqKey(rs.getString(1), rs.getLong(2)), rs.getLong(3));
                }
            }
        }
        for (int i : resent) {
            Long id = ids.get(keys.get(i).seqKey());
            out.put(i, id == null ? keys.get(i).id() : id);
        }
    }

    /**
     * Splits the batch so that no (station, slot) occurs twice in one statement; frames of one
     * (station, slot) go to successive rounds in batch order.
     */
    private static List<List<Integer>> rounds(List<Key> keys, List<Integer> distinct) {
        List<List<Integer>> rounds = new ArrayList<>();
        Map<SlotKey, Integer> seen = new HashMap<>();
        for (int i : distinct) {
            SlotKey k = new SlotKey(keys.get(i).station(), keys.get(i).slot());
            int round = seen.merge(k, 1, Integer::sum) - 1;
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        return rounds;
    }
}
