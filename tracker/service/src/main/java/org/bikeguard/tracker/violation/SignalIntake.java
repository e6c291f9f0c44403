package org.bikeguard.tracker.violation;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.bikeguard.protocol.Topics;
import org.bikeguard.tracker.ingest.FrameIntake;
import org.bikeguard.tracker.ingest.TopicHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the phase messages controllers publish to {@code signals/{id}/phase} (docs/protocol.md
 * section 8): only the intersection's own controller may; a message that is not valid is
 * acknowledged and dropped. A valid one is acknowledged once {@code store} has it. Called on MQTT
 * event loops: parses and hands over, never blocks. Thread-safe.
 */
final class SignalIntake implements TopicHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SignalIntake.class);
    static final int MAX_BYTES = 4_096;

    private final Function<String, Intersection> intersections;
    private final Function<PhaseMessage, CompletableFuture<Long>> store;

    /**
     * @param intersections the intersection of an id, or null
     * @param store         stores a message and shares it with the cluster; completes when it is stored
     */
    SignalIntake(Function<String, Intersection> intersections, Function<PhaseMessage, CompletableFuture<Long>> store) {
        this.intersections = intersections;
        this.store = store;
    }

    @Override
    public FrameIntake.Outcome onPublish(String station, String topic, byte[] payload) {
        String id = Topics.intersectionOf(topic);
        if (id == null) {
            return null;
        }
        Intersection x = intersections.apply(id);
        if (x == null || !station.equals(x.controller())) {
            LOG.debug("phase refused [station: {}, topic: {}]: not the controller", station, topic);
            return new FrameIntake.Refused("topic_not_owned", true);
        }
        PhaseMessage m;
        try {
            m = parse(id, payload);
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            LOG.debug("phase dropped [station: {}, reason: {}]", station, e.getMessage());
            return new FrameIntake.Refused("bad_phase", false);
        }
        return new FrameIntake.Accepted(store.apply(m), false);
    }

    /** Parses a phase message; {@link IllegalArgumentException} naming what is wrong. */
    static PhaseMessage parse(String intersection, byte[] payload) {
        if (payload.length == 0 || payload.length > MAX_BYTES) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes");
        }
        JsonObject o = new JsonObject(new String(payload, StandardCharsets.UTF_8));
        if (!intersection.equals(o.getValue("intersection"))) {
            throw new IllegalArgumentException("intersection differs from the topic");
        }
        long seq = whole(o.getValue("seq"), "seq");
        long ts = whole(o.getValue("ts"), "ts");
        return new PhaseMessage(intersection, seq, ts, movements(o.getValue("green")), movements(o.getValue("amber")));
    }

    private static long whole(Object v, String field) {
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0) {
            throw new IllegalArgumentException(field + " must be a non-negative integer");
        }
        return ((Number) v).longValue();
    }

    private static Set<String> movements(Object v) {
        if (v == null) {
            return Set.of();
        }
        if (!(v instanceof JsonArray a) || a.size() > 256) {
            throw new IllegalArgumentException("movements must be an array of strings");
        }
        Set<String> out = new HashSet<>();
        for (Object s : a) {
            if (!(s instanceof String str) || str.length() > 40) {
                throw new IllegalArgumentException("movements must be strings");
            }
            out.add(str);
        }
        return out;
    }
}
