package org.bikeguard.tracker.ingest;

import java.util.Objects;
import org.bikeguard.protocol.Frame;

/**
 * A decoded frame on its way into (or back out of) the frame log.
 *
 * @param id          frame-log id, assigned by the writer at commit (0 before that); grows with commit order
 *                    within a lane
 * @param lane        the frame-log lane it was logged in (0 before that)
 * @param receivedAt  when the tracker received it, epoch ms UTC (the base for the future-timestamp check)
 * @param stationIdx  dense index of the authenticated station
 * @param payload     the raw MQTT payload exactly as received
 * @param frame       the decoded payload
 */
public record LoggedFrame(long id, int lane, long receivedAt, int stationIdx, byte[] payload, Frame frame) {
    public LoggedFrame {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(frame, "frame");
    }

    /** The frame as logged: with its id and lane. */
    public LoggedFrame logged(long newId, int inLane) {
        return new LoggedFrame(newId, inLane, receivedAt, stationIdx, payload, frame);
    }
}
