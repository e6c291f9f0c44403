package org.bikeguard.tracker.ingest;

/**
 * A feature that takes PUBLISHes to topics other than a station's reads topic (the signal
 * controllers' {@code signals/{id}/phase}). Called on an MQTT event loop: must not block.
 */
@FunctionalInterface
public interface TopicHandler {

    /** Takes nothing. */
    TopicHandler NONE = (station, topic, payload) -> null;

    /**
     * @param station the authenticated station id (the MQTT username)
     * @param topic   the PUBLISH topic (not the station's reads topic)
     * @param payload the raw payload
     * @return the outcome, or null when the topic is not this handler's (the PUBLISH is then refused as foreign)
     */
    FrameIntake.Outcome onPublish(String station, String topic, byte[] payload);
}
