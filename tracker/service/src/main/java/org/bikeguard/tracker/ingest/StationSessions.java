package org.bikeguard.tracker.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The live MQTT connection of each station in this process. A station that connects again takes
 * its session over: the older connection is closed (MQTT 5: DISCONNECT 0x8E "session taken
 * over"), as the MQTT specification requires for a repeated client identity. The identity is the
 * authenticated station id, whatever client identifier the station sends. Thread-safe: connections
 * live on different event loops; each is closed on its own.
 */
public final class StationSessions {

    private final ConcurrentMap<String, StationConnection> live = new ConcurrentHashMap<>();

    /** Registers {@code connection} as its station's session; the one it replaces is taken over. */
    void open(StationConnection connection) {
        StationConnection previous = live.put(connection.stationId(), connection);
        if (previous != null && previous != connection) {
            previous.takenOver();
        }
    }

    /** Forgets {@code connection} unless a newer one has replaced it already. */
    void closed(StationConnection connection) {
        live.remove(connection.stationId(), connection);
    }

    /** Stations connected to this process now. */
    public int size() {
        return live.size();
    }
}
