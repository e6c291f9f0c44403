package org.bikeguard.tracker.ingest;

import org.bikeguard.protocol.Frame;

/**
 * The ingest's hook for features that must see frames at once (the live alarms): called for every
 * newly accepted frame right after it is decoded, before it is durable, so that an alarm can reach
 * the police within milliseconds. Called by the MQTT ingest on its event loops (concurrently, one
 * call per frame) and never for a redelivered (station, seq): a redelivery therefore never raises
 * a second alarm. Reads stamped more than {@link FrameApplier#MAX_FUTURE_MS} after arrival are
 * later dropped by the applier; a listener should ignore them too. Implementations must be
 * thread-safe, must not block and should cost no more than a primitive set lookup per read.
 */
@FunctionalInterface
public interface NewFrameListener {

    /** Does nothing. */
    NewFrameListener NONE = (stationIdx, frame, receivedAt) -> {};

    /**
     * @param stationIdx the publishing station's dense index
     * @param frame      the decoded frame (its arrays must not be modified)
     * @param receivedAt arrival time, epoch ms UTC (tracker clock)
     */
    void onNewFrame(int stationIdx, Frame frame, long receivedAt);
}
