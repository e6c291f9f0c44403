package org.bikeguard.tracker.station;

import com.hazelcast.config.Config;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.EntryListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station table: loaded from PostgreSQL at start, shared with every cluster member through a
 * Hazelcast {@link ReplicatedMap} named {@value #MAP_NAME}, and mirrored locally (by id and by
 * dense index) for lookups on the ingest hot path.
 *
 * <p>Thread safety: all methods are thread-safe. {@link #byId}, {@link #byIndex}, {@link #all()}
 * and {@link #size()} are non-blocking and allocation-free; {@link #authenticate} is non-blocking
 * (one HMAC-SHA256). {@link #upsert}, {@link #save} and {@link #importAll} block on JDBC and must
 * run on worker threads. Local writes are visible to this member's lookups on return; other
 * members see them once the replicated map's event reaches them (milliseconds).
 */
public final class StationRegistry implements AutoCloseable {

    /** Name of the replicated map holding the stations by id. */
    public static final String MAP_NAME = "bikeguard.stations";

    private static final Logger LOG = LoggerFactory.getLogger(StationRegistry.class);
    private static final byte[] DUMMY_DIGEST = new byte[32];

    private final DataSource ds;
    private final ReplicatedMap<String, Station> shared;
    private final ThreadLocal<Mac> macs;
    private final Map<String, Station> byId = new ConcurrentHashMap<>();
    private final Collection<Station> allView = Collections.unmodifiableCollection(byId.values());
    private final Object indexLock = new Object();
    private volatile Station[] byIdx = new Station[64];
    private final UUID listenerId;

    private StationRegistry(HazelcastInstance hz, DataSource ds, byte[] key) {
        this.ds = ds;
        this.shared = hz.getReplicatedMap(MAP_NAME);
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> newMac(spec));
        this.listenerId = shared.addEntryListener(new Mirror());
    }

    /** Registers the Compact serializer of {@link Station}; call on every member's config. */
    public static void configure(Config config) {
        config.getSerializationConfig().getCompactSerializationConfig().addSerializer(new StationSerializer());
    }

    /**
     * Loads the station table from the database, publishes it to the replicated map and returns
     * the registry. Blocking.
     *
     * @param secretKey the station-secret key (32 bytes, from the key file): secrets are stored as
     *                  HMAC-SHA256 digests under it
     * @throws IllegalStateException when the database cannot be read
     */
    public static StationRegistry load(HazelcastInstance hz, DataSource ds, byte[] secretKey) {
        StationRegistry r = new StationRegistry(hz, ds, secretKey);
        List<Station> rows = r.readAll();
        Map<String, Station> batch = new HashMap<>();
        for (Station s : rows) {
            r.mirror(s);
            batch.put(s.id(), s);
        }
        r.shared.putAll(batch);
        for (Station s : r.shared.values()) {
            r.mirror(s);
        }
        LOG.info("stations loaded [count: {}, map: {}]", rows.size(), MAP_NAME);
        return r;
    }

    /** The station with this id, or {@code null}. Non-blocking, allocation-free. */
    public Station byId(String id) {
        return id == null ? null : byId.get(id);
    }

    /** The station with this dense index, or {@code null}. Non-blocking, allocation-free. */
    public Station byIndex(int idx) {
        Station[] a = byIdx;
        return idx >= 0 && idx < a.length ? a[idx] : null;
    }

    /**
     * Whether {@code secret} is the secret of station {@code id}: HMAC-SHA256 under the server
     * key, compared in constant time. Unknown ids cost the same as known ones. Non-blocking.
     */
    public boolean authenticate(String id, String secret) {
        Station s = byId(id);
        if (secret == null) {
            return false;
        }
        byte[] digest = digest(secret);
        if (s == null) {
            java.security.MessageDigest.isEqual(DUMMY_DIGEST, digest);
            return false;
        }
        return s.digestMatches(digest);
    }

    /** A live, unmodifiable view of all stations (no particular order). */
    public Collection<Station> all() {
        return allView;
    }

    /** Number of stations. */
    public int size() {
        return byId.size();
    }

    /**
     * Creates or updates one station. Blocking.
     *
     * @throws StationValidationException when a new station has no secret
     * @throws IllegalStateException      when the database fails
     */
    public Station upsert(StationInput in) {
        return save(in).station();
    }

    /** Outcome of {@link #save}: the stored station and whether it was new. */
    public record Saved(Station station, boolean created) {}

    /** Like {@link #upsert} but also tells whether the station was created. Blocking. */
    public Saved save(StationInput in) {
        List<Saved> saved = write(List.of(in), null);
        publish(saved);
        return saved.get(0);
    }

    /**
     * Creates or updates all stations in one transaction: all or nothing. Blocking.
     *
     * @return the number of stations written
     * @throws StationValidationException naming the item when one is invalid (nothing is written)
     */
    public int importAll(List<StationInput> inputs) {
        return importAll(inputs, i -> "item " + (i + 1));
    }

    /**
     * Like {@link #importAll(List)}, with {@code where} naming item {@code i} in error messages
     * (for example "line 7").
     *
     * @throws StationImportException naming the item when a new station has no secret
     */
    public int importAll(List<StationInput> inputs, IntFunction<String> where) {
        List<Saved> saved = write(inputs, where);
        publish(saved);
        LOG.info(
                "stations imported [count: {}, created: {}]",
                saved.size(),
                saved.stream().filter(Saved::created).count());
        return saved.size();
    }

    /**
     * Brings this member's mirror in line with the database, the source of truth, in case a
     * replicated-map event never arrived (seen under bulk imports): every station that is missing
     * or differs is mirrored again. Blocking (one query); run periodically on a worker thread.
     *
     * @return the number of stations that had to be corrected
     */
    public int reconcile() {
        int fixed = 0;
        for (Station s : readAll()) {
            if (!s.equals(byId(s.id())) || byIndex(s.idx()) != byId(s.id())) {
                mirror(s);
                fixed++;
            }
        }
        if (fixed > 0) {
            LOG.warn("station mirror was behind the database; corrected [stations: {}]", fixed);
        }
        return fixed;
    }

    @Override
    public void close() {
        shared.removeEntryListener(listenerId);
    }

    private byte[] digest(String secret) {
        Mac mac = macs.get();
        return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
    }

    private List<Saved> write(List<StationInput> inputs, IntFunction<String> where) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Saved> out = new ArrayList<>(inputs.size());
                for (int i = 0; i < inputs.size(); i++) {
                    out.add(writeOne(c, inputs.get(i), where, i));
                }
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write stations: " + e.getMessage(), e);
        }
    }

    private Saved writeOne(Connection c, StationInput in, IntFunction<String> where, int i) throws SQLException {
        byte[] digest = in.secret() == null ? null : digest(in.secret());
        // Update first: an INSERT ... ON CONFLICT would burn an identity value on every update and
        // the dense index would grow gaps.
        for (int attempt = 0; attempt < 2; attempt++) {
            Station updated = update(c, in, digest);
            if (updated != null) {
                return new Saved(updated, false);
            }
            if (digest == null) {
                String problem = "station " + in.id() + " is new and needs a secret";
                throw where == null
                        ? new StationValidationException(problem)
                        : new StationImportException(where.apply(i), problem);
            }
            Integer idx = insert(c, in, digest);
            if (idx != null) {
                return new Saved(station(in, idx, digest), true);
            }
            // a concurrent transaction created it in between: update that row instead
        }
        throw new IllegalStateException("station kept changing under us [id: " + in.id() + "]");
    }

    private Station update(Connection c, StationInput in, byte[] digest) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("UPDATE stations SET name = ?, kind = ?, lon = ?, lat = ?, radius_m = ?,"
                        + " secret_digest = COALESCE(?, secret_digest), updated_at = now()"
                        + " WHERE id = ? RETURNING idx, secret_digest")) {
            st.setString(1, in.name());
            st.setString(2, in.kind());
            st.setDouble(3, in.lon());
            st.setDouble(4, in.lat());
            st.setInt(5, in.radiusM());
            if (digest == null) {
                st.setNull(6, Types.BINARY);
            } else {
                st.setBytes(6, digest);
            }
            st.setString(7, in.id());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? station(in, rs.getInt(1), rs.getBytes(2)) : null;
            }
        }
    }

    private Integer insert(Connection c, StationInput in, byte[] digest) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("INSERT INTO stations (id, name, kind, lon, lat, radius_m, secret_digest)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING idx")) {
            st.setString(1, in.id());
            st.setString(2, in.name());
            st.setString(3, in.kind());
            st.setDouble(4, in.lon());
            st.setDouble(5, in.lat());
            st.setInt(6, in.radiusM());
            st.setBytes(7, digest);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private static Station station(StationInput in, int idx, byte[] digest) {
        return new Station(in.id(), idx, in.name(), in.kind(), in.lon(), in.lat(), in.radiusM(), digest);
    }

    private List<Station> readAll() {
        List<Station> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT id, idx, name, kind, lon, lat, radius_m, secret_digest FROM stations ORDER BY idx")) {
            while (rs.next()) {
                out.add(new Station(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getDouble(5),
                        rs.getDouble(6),
                        rs.getInt(7),
                        rs.getBytes(8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stations: " + e.getMessage(), e);
        }
        return out;
    }

    private void publish(List<Saved> saved) {
        Map<String, Station> batch = new HashMap<>();
        for (Saved s : saved) {
            mirror(s.station());
            batch.put(s.station().id(), s.station());
        }
        shared.putAll(batch);
    }

    private void mirror(Station s) {
        synchronized (indexLock) {
            Station[] a = byIdx;
            if (s.idx() >= a.length) {
                a = Arrays.copyOf(a, Math.max(s.idx() + 1, a.length * 2));
            }
            a[s.idx()] = s;
            byId.put(s.id(), s);
            byIdx = a;
        }
    }

    private void forget(Station s) {
        synchronized (indexLock) {
            byId.remove(s.id(), s);
            Station[] a = byIdx;
            if (s.idx() < a.length && a[s.idx()] != null && a[s.idx()].id().equals(s.id())) {
                a[s.idx()] = null;
            }
        }
    }

    private static Mac newMac(SecretKeySpec spec) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(spec);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Keeps the local mirror in step with changes made by other members. */
    private final class Mirror implements EntryListener<String, Station> {
        @Override
        public void entryAdded(EntryEvent<String, Station> e) {
            mirror(e.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, Station> e) {
            mirror(e.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, Station> e) {
            if (e.getOldValue() != null) {
                forget(e.getOldValue());
            }
        }

        @Override
        public void entryEvicted(EntryEvent<String, Station> e) {
            entryRemoved(e);
        }

        @Override
        public void entryExpired(EntryEvent<String, Station> e) {
            entryRemoved(e);
        }

        @Override
        public void mapCleared(MapEvent e) {
            LOG.warn("station map cleared elsewhere; local mirror kept [map: {}]", MAP_NAME);
        }

        @Override
        public void mapEvicted(MapEvent e) {
            mapCleared(e);
        }
    }
}
