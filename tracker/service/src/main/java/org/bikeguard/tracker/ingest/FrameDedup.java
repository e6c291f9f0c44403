package org.bikeguard.tracker.ingest;

import java.sql.Array;
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
 * seq mod {@link #SLOTS}) into {@code frame_dedup}; a row that already holds the same seq is a
 * resend of a frame some member logged (committed, or committing now: the upsert waits for that
 * transaction's row lock), so the frame is not logged again and is acknowledged with the first
 * copy's id. Rows are locked in (station, slot) order so that concurrent writers do not deadlock.
 * Not thread-safe: used by the frame-log writer thread only.
 */
final class FrameDedup {

    /** Sequence numbers remembered per station (a station resends at most its in-flight window). */
    static final int SLOTS = 1024;

    private static final String UPSERT = "INSERT INTO frame_dedup AS d (station, slot, seq, frame_id) "
            + "SELECT * FROM unnest(?::text[], ?::int[], ?::bigint[], ?::bigint[]) "
            + "ON CONFLICT (station, slot) DO UPDATE SET seq = excluded.seq, frame_id = excluded.frame_id "
            + "WHERE d.seq <> excluded.seq RETURNING station, seq";
    private static final String FIRST_COPIES = "SELECT d.station, d.seq, d.frame_id FROM frame_dedup d "
            + "JOIN unnest(?::text[], ?::int[]) AS k(station, slot) USING (station, slot)";

    /** One frame of a batch: its station, seq and the id it would get. */
    record Key(String station, long seq, long id) {
        int slot() {
            return (int) Math.floorMod(seq, (long) SLOTS);
        }
    }

    /**
     * Registers the batch's frames; returns, for each frame already logged before, the id of its
     * first copy (frames not in the map are new and must be logged in this transaction).
     */
    Map<Integer, Long> register(Connection c, List<Key> keys) throws SQLException {
        Map<Integer, Long> earlier = new HashMap<>();
        Map<String, Long> inBatch = new HashMap<>();
        List<Integer> distinct = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Long first = inBatch.putIfAbsent(
                    keys.get(i).station() + '\u0000' + keys.get(i).seq(),
                    keys.get(i).id());
            if (first == null) {
                distinct.add(i);
            } else {
                earlier.put(i, first);
            }
        }
        List<List<Integer>> rounds = rounds(keys, distinct);
        Map<String, Boolean> fresh = new HashMap<>();
        for (List<Integer> round : rounds) {
            round.sort(Comparator.comparing((Integer i) -> keys.get(i).station())
                    .thenComparingInt(i -> keys.get(i).slot()));
            String[] stations = new String[round.size()];
            Integer[] slots = new Integer[round.size()];
            Long[] seqs = new Long[round.size()];
            Long[] ids = new Long[round.size()];
            for (int k = 0; k < round.size(); k++) {
                Key key = keys.get(round.get(k));
                stations[k] = key.station();
                slots[k] = key.slot();
                seqs[k] = key.seq();
                ids[k] = key.id();
            }
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setArray(1, c.createArrayOf("text", stations));
                ps.setArray(2, c.createArrayOf("int4", slots));
                ps.setArray(3, c.createArrayOf("int8", seqs));
                ps.setArray(4, c.createArrayOf("int8", ids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fresh.put(rs.getString(1) + '\u0000' + rs.getLong(2), Boolean.TRUE);
                    }
                }
            }
        }
        List<Integer> resent = new ArrayList<>();
        for (int i : distinct) {
            if (!fresh.containsKey(
                    keys.get(i).station() + '\u0000' + keys.get(i).seq())) {
                resent.add(i);
            }
        }
        if (!resent.isEmpty()) {
            firstCopies(c, keys, resent, earlier);
        }
        return earlier;
    }

    private static void firstCopies(Connection c, List<Key> keys, List<Integer> resent, Map<Integer, Long> out)
            throws SQLException {
        String[] stations = new String[resent.size()];
        Integer[] slots = new Integer[resent.size()];
        for (int k = 0; k < resent.size(); k++) {
            stations[k] = keys.get(resent.get(k)).station();
            slots[k] = keys.get(resent.get(k)).slot();
        }
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(FIRST_COPIES)) {
            Array a = c.createArrayOf("text", stations);
            ps.setArray(1, a);
            ps.setArray(2, c.createArrayOf("int4", slots));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1) + '\u0000' + rs.getLong(2), rs.getLong(3));
                }
            }
        }
        for (int i : resent) {
            Long id = ids.get(keys.get(i).station() + '\u0000' + keys.get(i).seq());
            out.put(i, id == null ? keys.get(i).id() : id);
        }
    }

    /** Splits the batch so that no (station, slot) occurs twice in one statement. */
    private static List<List<Integer>> rounds(List<Key> keys, List<Integer> distinct) {
        List<List<Integer>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i : distinct) {
            String k = keys.get(i).station() + '\u0000' + keys.get(i).slot();
            int round = seen.merge(k, 1, Integer::sum) - 1;
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        return rounds;
    }
}
