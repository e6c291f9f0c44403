package org.bikeguard.protocol;

/**
 * MQTT topics of the protocol. A station publishes its frames to
 * {@code stations/{stationId}/reads} with QoS 1.
 *
 * <p>Stateless; thread-safe.
 */
public final class Topics {
    /** Topic prefix. */
    public static final String PREFIX = "stations/";
    /** Topic suffix of read frames. */
    public static final String READS_SUFFIX = "/reads";
    /** Subscription filter matching every station's reads topic. */
    public static final String READS_FILTER = "stations/+/reads";

    /** Topic prefix of signal controllers' phase messages (docs/protocol.md section 8). */
    public static final String SIGNALS_PREFIX = "signals/";
    /** Topic suffix of phase messages. */
    public static final String PHASE_SUFFIX = "/phase";

    private Topics() {}

    /**
     * The topic an intersection's controller publishes its phases to.
     *
     * @throws IllegalArgumentException if {@code intersectionId} is not a valid id (the station id alphabet)
     */
    public static String phaseTopic(String intersectionId) {
        return SIGNALS_PREFIX + StationIds.require(intersectionId) + PHASE_SUFFIX;
    }

    /**
     * The intersection id of a phase topic.
     *
     * @return the id, or {@code null} if {@code topic} is not {@code signals/{id}/phase} with a valid id
     */
    public static String intersectionOf(String topic) {
        if (topic == null || !topic.startsWith(SIGNALS_PREFIX) || !topic.endsWith(PHASE_SUFFIX)) {
            return null;
        }
        int end = topic.length() - PHASE_SUFFIX.length();
        if (end <= SIGNALS_PREFIX.length()) {
            return null;
        }
        String id = topic.substring(SIGNALS_PREFIX.length(), end);
        return StationIds.isValid(id) ? id : null;
    }

    /**
     * The topic a station publishes its frames to.
     *
     * @throws IllegalArgumentException if {@code stationId} is not a valid station id
     */
    public static String readsTopic(String stationId) {
        return PREFIX + StationIds.require(stationId) + READS_SUFFIX;
    }

    /**
     * The station id of a reads topic.
     *
     * @return the station id, or {@code null} if {@code topic} is not
     *     {@code stations/{id}/reads} with a valid station id
     */
    public static String stationOf(String topic) {
        if (topic == null || !topic.startsWith(PREFIX) || !topic.endsWith(READS_SUFFIX)) {
            return null;
        }
        int end = topic.length() - READS_SUFFIX.length();
        if (end <= PREFIX.length()) {
            return null;
        }
        String id = topic.substring(PREFIX.length(), end);
        return StationIds.isValid(id) ? id : null;
    }
}
