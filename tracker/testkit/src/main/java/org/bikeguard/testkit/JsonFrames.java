package org.bikeguard.testkit;

import java.nio.charset.StandardCharsets;

/**
 * JSON frames of the base-station protocol ({@code docs/protocol.md}) as tests write them by hand:
 * a frame is a station id, a sequence number and an array of reads; a read is a tag (hex), a time
 * (ms since the epoch, UTC), an RSSI, optionally a count and flags. Stateless.
 */
public final class JsonFrames {

    private JsonFrames() {}

    /** A frame of {@code station} with sequence number {@code seq} and the reads array text {@code readsJson}. */
    public static byte[] frame(String station, long seq, String readsJson) {
        return ("{\"station\":\"" + station + "\",\"seq\":" + seq + ",\"reads\":" + readsJson + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One read of {@code tag} at {@code tsMs} with RSSI -60, flagged {@code tamper} when asked. */
    public static String read(String tag, long tsMs, boolean tamper) {
        return "{\"tag\":\"" + tag + "\",\"ts\":" + tsMs + ",\"rssi\":-60" + (tamper ? ",\"flags\":[\"tamper\"]" : "")
                + "}";
    }

    /** One read of {@code tag} at {@code tsMs}, heard {@code count} times with peak {@code rssi}. */
    public static String read(String tag, long tsMs, int rssi, int count) {
        return "{\"tag\":\"" + tag + "\",\"ts\":" + tsMs + ",\"rssi\":" + rssi + ",\"count\":" + count + "}";
    }
}
