package org.bikeguard.tracker.station;

import com.hazelcast.config.Config;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.EntryListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * <p>A deleted station stays in the table and in {@link #byId}/{@link #byIndex} (sightings,
 * alarms and trajectories name it) but leaves {@link #all()}; it cannot connect, nor can a
 * disabled one. {@link #addListener Listeners} hear of every change on every member, so a
 * station's live MQTT session can end wherever it is connected.
 *
 * <p>Thread safety: all methods are thread-safe. {@link #byId}, {@link #byIndex}, {@link #all()}
 * and {@link #size()} are non-blocking and allocation-free; {@link #authenticate} is non-blocking
 * (one HMAC-SHA256). {@link #upsert}, {@link #save}, {@link #importAll}, {@link #setStatus} and
 * {@link #delete} block on JDBC and must run on worker threads. Local writes are visible to this
 * member's lookups on return; other members see them once the replicated map's event reaches them
 * (milliseconds).
 */
public final class StationRegistry implements AutoCloseable {

    /** Name of the replicated map holding the stations by id. */
    public static final String MAP_NAME = "bikeguard.stations";

    private static final Logger LOG = LoggerFactory.getLogger(StationRegistry.class);
    private static final byte[] DUMMY_DIGEST = new byte[32];

    private final StationTable table;
    private final ReplicatedMap<String, Station> shared;
    private final ThreadLocal<Mac> macs;
    private final Map<String, Station> byId = new ConcurrentHashMap<>();
    /** The stations not deleted. */
    private final Map<String, Station> listed = new ConcurrentHashMap<>();

    private final Collection<Station> allView = Collections.unmodifiableCollection(listed.values());
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object indexLock = new Object();
    private volatile Station[] byIdx = new Station[64];
    private final UUID listenerId;

    private StationRegistry(HazelcastInstance hz, DataSource ds, byte[] key) {
        this.table = new StationTable(ds, this::digest);
        this.shared = hz.getReplicatedMap(MAP_NAME);
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> newMac(spec));
        this.listenerId = shared.addEntryListener(new Mirror());
    }

    /**
     * Told of every change of a station on any member: a new, changed, disabled or deleted station.
     * Called on a Hazelcast event thread or the writing thread, once or more per change (the local
     * write and its replicated event); must not block.
     */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param before the station as it was mirrored here, or null when new
         * @param after  the station now, or null when it left the map altogether
         */
        void changed(Station before, Station after);
    }

    /** Adds a {@link Listener}. */
    public void addListener(Listener listener) {
        listeners.add(listener);
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
        List<Station> rows = r.table.readAll();
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
     * Whether {@code secret} is the secret of station {@code id} and the station may connect with
     * it (active, accepting {@link Station.AuthMethod#SECRET}): HMAC-SHA256 under the server key,
     * compared in constant time. Unknown ids cost the same as known ones. Non-blocking.
     */
    public boolean authenticate(String id, String secret) {
        return secretMatches(id, secret) && byId(id).active() && byId(id).accepts(Station.AuthMethod.SECRET);
    }

    /**
     * Whether {@code secret} is the stored secret of station {@code id}, whatever its status and
     * methods (to tell a wrong password from a disabled station in the metrics). Non-blocking.
     */
    public boolean secretMatches(String id, String secret) {
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

    /** A live, unmodifiable view of the stations not deleted (no particular order). */
    public Collection<Station> all() {
        return allView;
    }

    /** Number of stations not deleted. */
    public int size() {
        return listed.size();
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

    /**
     * Disables ({@link Station.Status#DISABLED}) or enables ({@link Station.Status#ACTIVE}) a
     * station. Blocking.
     *
     * @return the station now, or empty when there is none (or it was deleted)
     * @throws IllegalArgumentException for {@link Station.Status#DELETED} (use {@link #delete})
     */
    public Optional<Station> setStatus(String id, Station.Status status) {
        if (status == Station.Status.DELETED) {
            throw new IllegalArgumentException("use delete()");
        }
        return publishOne(table.setStatus(id, status));
    }

    /**
     * Deletes a station: it can no longer connect and leaves {@link #all()} and the station API;
     * its row stays because history names it. Blocking.
     *
     * @return whether there was a station (not deleted already) to delete
     */
    public boolean delete(String id) {
        boolean deleted =
                publishOne(table.setStatus(id, Station.Status.DELETED)).isPresent();
        if (deleted) {
            LOG.info("station deleted [station: {}]", id);
        }
        return deleted;
    }

    private Optional<Station> publishOne(Optional<Station> s) {
        s.ifPresent(station -> publish(List.of(new Saved(station, false))));
        return s;
    }

    /** Outcome of {@link #save}: the stored station and whether it was new. */
    public record Saved(Station station, boolean created) {}

    /** Like {@link #upsert} but also tells whether the station was created. Blocking. */
    public Saved save(StationInput in) {
        List<Saved> saved = table.write(List.of(in), null);
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
        List<Saved> saved = table.write(inputs, where);
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
        for (Station s : table.readAll()) {
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

    private void publish(List<Saved> saved) {
        Map<String, Station> batch = new HashMap<>();
        for (Saved s : saved) {
            mirror(s.station());
            batch.put(s.station().id(), s.station());
        }
        shared.putAll(batch);
    }

    private void mirror(Station s) {
        Station before;
        synchronized (indexLock) {
            Station[] a = byIdx;
            if (s.idx() >= a.length) {
                a = Arrays.copyOf(a, Math.max(s.idx() + 1, a.length * 2));
            }
            a[s.idx()] = s;
            before = byId.put(s.id(), s);
            if (s.status() == Station.Status.DELETED) {
                listed.remove(s.id());
            } else {
                listed.put(s.id(), s);
            }
            byIdx = a;
        }
        if (!s.equals(before)) {
            tell(before, s);
        }
    }

    private void forget(Station s) {
        boolean removed;
        synchronized (indexLock) {
            removed = byId.remove(s.id(), s);
            listed.remove(s.id(), s);
            Station[] a = byIdx;
            if (s.idx() < a.length && a[s.idx()] != null && a[s.idx()].id().equals(s.id())) {
                a[s.idx()] = null;
            }
        }
        if (removed) {
            tell(s, null);
        }
    }

    private void tell(Station before, Station after) {
        for (Listener l : listeners) {
            try {
                l.changed(before, after);
            } catch (RuntimeException e) {
                LOG.warn(
                        "station listener failed [station: {}, error: {}]",
                        after != null ? after.id() : before.id(),
                        e.toString());
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

    /**
     * Keeps the local mirror in step with changes made by other members. This member's own writes were mirrored when
     * made ({@link #publish}); their events, delivered later on Hazelcast's event thread, are skipped: an event of an
     * earlier write arriving after a later one had put the older station back (a station renamed right after it was
     * created kept its first name until {@link #reconcile}).
     */
    private final class Mirror implements EntryListener<String, Station> {
        @Override
        public void entryAdded(EntryEvent<String, Station> e) {
            if (!local(e)) {
                mirror(e.getValue());
            }
        }

        @Override
        public void entryUpdated(EntryEvent<String, Station> e) {
            if (!local(e)) {
                mirror(e.getValue());
            }
        }

        private static boolean local(EntryEvent<String, Station> e) {
            return e.getMember() != null && e.getMember().localMember();
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
