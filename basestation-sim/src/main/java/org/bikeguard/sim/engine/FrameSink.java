package org.bikeguard.sim.engine;

/**
 * Where the stations' frames go: the MQTT links of a live run, or a counter in a dry run.
 * Called by the simulation thread only.
 */
public interface FrameSink {
    /**
     * One encoded frame of a station, to publish on its topic.
     *
     * @param station station index
     * @param payload the encoded frame (owned by the sink from now on)
     * @param entries entries in the frame
     * @param counts sum of the entries' counts (raw reads)
     */
    void send(int station, byte[] payload, int entries, long counts);

    /**
     * A message of a station on another topic (a signal controller's phase), QoS 1, in order
     * with its other messages; acknowledged and drained like a frame. Ignored by default (a dry run).
     *
     * @param payload the message (owned by the sink from now on)
     */
    default void publish(int station, String topic, byte[] payload) {}

    /** The station's backhaul goes down: hold its frames until {@link #online(int)}. */
    default void offline(int station) {}

    /** The station's backhaul is back: send what was held, then carry on. */
    default void online(int station) {}
}
