package org.bikeguard.tracker.ingest;

import java.util.Objects;
import org.bikeguard.protocol.Frame;

/**
 * A decoded frame on its way into (or back out of) the frame log.
 *
 * @param id          frame-log id, assigned by the writer at commit (0 before that); grows with commit order
 * @param receivedAt  when the tracker received it, epoch ms UTC (the base for the future-timestamp check)
 * @param stationIdx  dense index of the authenticated station
 * @param payload     the raw MQTT payload exactly as received
 * @param frame       the decoded payload
 */
public record LoggedFrame(long id, long receivedAt, int stationIdx, byte[] payload, Frame frame) {
    public LoggedFrame {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(frame, "frame");
    }

    public LoggedFrame withId(long newId) {
        return new LoggedFrame(newId, receivedAt, stationIdx, payload, frame);
    }
}
