package org.bikeguard.tracker.alert;

import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.bikeguard.protocol.TagIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide list of tags whose sightings raise "stolen" alarms (Hazelcast-backed). Thread-safe.
 *
 * <p>The durable copy is the PostgreSQL table {@code watch_list}; the cluster copy is the
 * Hazelcast {@link ReplicatedMap} {@value #MAP_NAME} (tag → encoded entry), which every member
 * holds in full; each member mirrors it into an immutable primitive {@link LongSet} swapped
 * atomically on change, so {@link #contains} on the ingest hot path is one volatile read and an
 * allocation-free probe. At start the table is loaded into the replicated map.
 *
 * <p>{@link #watch} and {@link #unwatch} block (JDBC, then a Hazelcast put): call them from a worker
 * thread, never from an event loop. They take effect on the calling member at once and on the
 * other members within Hazelcast's replication delay (milliseconds).
 */
public final class WatchList implements AutoCloseable {

    /** The replicated map holding the list cluster-wide. */
    public static final String MAP_NAME = "bikeguard.watchlist";

    private static final Logger LOG = LoggerFactory.getLogger(WatchList.class);

    /**
     * One watched tag.
     *
     * @param tag    the tag id (unsigned 64-bit)
     * @param caseId the theft case id, or {@code null} when watched without a case
     * @param caseNo the police case number, or {@code null}
     * @param plate  the bike's plate, or {@code null}
     */
    public record Entry(long tag, Long caseId, String caseNo, String plate) {}

    private final DataSource ds;
    private final ReplicatedMap<Long, String> map;
    private final Map<Long, Entry> local = new ConcurrentHashMap<>();
    private final Object rebuild = new Object();
    private final java.util.UUID listener;
    private volatile LongSet set = LongSet.EMPTY;
    private volatile java.util.function.LongConsumer onWatched = tag -> {};

    private WatchList(HazelcastInstance hz, DataSource ds) {
        this.ds = ds;
        this.map = hz.getReplicatedMap(MAP_NAME);
        this.listener = map.addEntryListener(new EntryAdapter<Long, String>() {
            @Override
            public void onEntryEvent(EntryEvent<Long, String> event) {
                refresh(event.getKey());
            }

            @Override
            public void onMapEvent(MapEvent event) {
                refreshAll();
            }
        });
    }

    /**
     * Loads the list from {@code watch_list} into the cluster and starts mirroring it. Blocking.
     *
     * @throws IllegalStateException when the table cannot be read
     */
    public static WatchList start(HazelcastInstance hz, DataSource ds) {
        WatchList w = new WatchList(hz, ds);
        List<Entry> stored = w.load();
        for (Entry e : stored) {
            w.map.putIfAbsent(e.tag(), encode(e));
        }
        w.refreshAll();
        LOG.info("watch list ready [tags: {}]", w.local.size());
        return w;
    }

    /**
     * Puts a tag on the list (or updates its case and plate). Blocking (JDBC + Hazelcast).
     *
     * @param tag    the tag id
     * @param caseId the theft case id ({@code 0} or negative: none)
     * @param caseNo the police case number (may be {@code null})
     * @param plate  the bike's plate (may be {@code null})
     * @throws IllegalStateException when the database write fails (nothing changed then)
     */
    public void watch(long tag, long caseId, String caseNo, String plate) {
        Entry e = new Entry(tag, caseId > 0 ? caseId : null, caseNo, plate);
        try (Connection c = ds.getConnection();
                PreparedStatement st =
                        c.prepareStatement("INSERT INTO watch_list (tag, case_id, case_no, plate) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT (tag) DO UPDATE SET case_id = EXCLUDED.case_id, case_no = EXCLUDED.case_no,"
                                + " plate = EXCLUDED.plate, watched_at = now()")) {
            st.setLong(1, tag);
            if (e.caseId() == null) {
                st.setNull(2, Types.BIGINT);
            } else {
                st.setLong(2, e.caseId());
            }
            st.setString(3, caseNo);
            st.setString(4, plate);
            st.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException(
                    "cannot store watched tag " + TagIds.format(tag) + ": " + ex.getMessage(), ex);
        }
        map.put(tag, encode(e));
        refresh(tag);
        LOG.info("tag watched [tag: {}, case: {}]", TagIds.format(tag), caseNo);
    }

    /** Takes a tag off the list (no-op when absent). Blocking (JDBC + Hazelcast). */
    public void unwatch(long tag) {
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM watch_list WHERE tag = ?")) {
            st.setLong(1, tag);
            st.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException(
                    "cannot remove watched tag " + TagIds.format(tag) + ": " + ex.getMessage(), ex);
        }
        map.remove(tag);
        refresh(tag);
        LOG.info("tag unwatched [tag: {}]", TagIds.format(tag));
    }

    /** Whether the tag is watched on this member. Allocation-free, lock-free. */
    public boolean contains(long tag) {
        return set.contains(tag);
    }

    /** The entry of a watched tag, or {@code null}. */
    public Entry get(long tag) {
        return set.contains(tag) ? local.get(tag) : null;
    }

    /** A snapshot of every watched entry. */
    public Collection<Entry> all() {
        return List.copyOf(local.values());
    }

    /** Number of watched tags on this member. */
    public int size() {
        return set.size();
    }

    @Override
    public void close() {
        try {
            map.removeEntryListener(listener);
        } catch (RuntimeException e) {
            LOG.debug("watch list listener not removed [error: {}]", e.toString());
        }
    }

    /** Re-reads one key from the (member-local) replicated map and republishes the set. */
    private void refresh(Long tag) {
        synchronized (rebuild) {
            String v = map.get(tag);
            Entry before;
            if (v == null) {
                before = local.remove(tag);
            } else {
                before = local.put(tag, decode(tag, v));
            }
            set = LongSet.of(local.keySet());
            if (v != null && before == null) {
                onWatched.accept(tag);
            }
        }
    }

    /**
     * Called (on a Hazelcast event thread or the caller of {@link #watch}; must not block) when a
     * tag is newly watched on this member.
     */
    void onWatched(java.util.function.LongConsumer callback) {
        this.onWatched = callback;
    }

    private void refreshAll() {
        synchronized (rebuild) {
            local.clear();
            for (Map.Entry<Long, String> e : map.entrySet()) {
                local.put(e.getKey(), decode(e.getKey(), e.getValue()));
            }
            set = LongSet.of(local.keySet());
        }
    }

    private List<Entry> load() {
        List<Entry> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT tag, case_id, case_no, plate FROM watch_list");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long caseId = rs.getLong(2);
                out.add(new Entry(rs.getLong(1), rs.wasNull() ? null : caseId, rs.getString(3), rs.getString(4)));
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot load the watch list: " + ex.getMessage(), ex);
        }
        return out;
    }

    /** Stable value encoding: caseId, caseNo and plate separated by U+0000 (empty = null). */
    static String encode(Entry e) {
        return (e.caseId() == null ? "" : e.caseId().toString()) + '\u0000' + nz(e.caseNo()) + '\u0000' + nz(e.plate());
    }

    static Entry decode(long tag, String v) {
        String[] p = v.split("\u0000", -1);
        Long caseId = p[0].isEmpty() ? null : Long.valueOf(p[0]);
        return new Entry(
                tag,
                caseId,
                p.length > 1 && !p[1].isEmpty() ? p[1] : null,
                p.length > 2 && !p[2].isEmpty() ? p[2] : null);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
