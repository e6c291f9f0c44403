package org.bikeguard.tracker.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bikeguard.tracker.station.Station;
import org.bikeguard.tracker.station.StationRegistry;

/**
 * The live MQTT connection of each station in this process. A station that connects again takes
 * its session over: the older connection is closed (MQTT 5: DISCONNECT 0x8E "session taken
 * over"), as the MQTT specification requires for a repeated client identity. The identity is the
 * authenticated station id, whatever client identifier the station sends.
 *
 * <p>It also listens to the {@link StationRegistry}, which hears of changes made on any cluster
 * member: a station deleted, disabled, or whose secret, authentication methods or pinned
 * certificate changed loses its live session at once (MQTT 5: DISCONNECT 0x98 "administrative
 * action"), counted in {@code bikeguard_mqtt_disconnects_total} as {@code station_deleted},
 * {@code station_disabled} or {@code credentials_changed}. A connection accepted while such a
 * change arrives is checked again once registered, so none slips through.
 *
 * <p>Thread-safe: connections live on different event loops; each is closed on its own.
 */
public final class StationSessions {

    private final ConcurrentMap<String, StationConnection> live = new ConcurrentHashMap<>();
    private final StationRegistry stations;

    /** Sessions of the stations of {@code stations}, closed when their station changes. */
    public StationSessions(StationRegistry stations) {
        this.stations = stations;
        stations.addListener((before, after) -> {
            String id = after != null ? after.id() : before.id();
            StationConnection c = live.get(id);
            if (c != null) {
                revokeIfChanged(c, after);
            }
        });
    }

    /** Registers {@code connection} as its station's session; the one it replaces is taken over. */
    void open(StationConnection connection) {
        StationConnection previous = live.put(connection.stationId(), connection);
        if (previous != null && previous != connection) {
            previous.takenOver();
        }
        // A change that arrived between authentication and now has not seen this connection.
        revokeIfChanged(connection, stations.byId(connection.stationId()));
    }

    /** Forgets {@code connection} unless a newer one has replaced it already. */
    void closed(StationConnection connection) {
        live.remove(connection.stationId(), connection);
    }

    /** Stations connected to this process now. */
    public int size() {
        return live.size();
    }

    private static void revokeIfChanged(StationConnection c, Station now) {
        Station was = c.station();
        if (was.sameCredentials(now)) {
            return;
        }
        String reason = now == null || now.status() == Station.Status.DELETED
                ? "station_deleted"
                : now.status() == Station.Status.DISABLED ? "station_disabled" : "credentials_changed";
        c.revoked(reason);
    }
}
