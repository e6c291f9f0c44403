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

    private Topics() {}

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
