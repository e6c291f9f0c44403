package org.bikeguard.tracker.ingest;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.FrameCodec;
import org.bikeguard.protocol.FrameDecodeException;
import org.bikeguard.protocol.Limits;
import org.bikeguard.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to one PUBLISH from an authenticated station: refused (with a counted
 * reason), recognised as a redelivery (same (station, seq) and same reads, by {@link FrameDigest}:
 * here, from this process's recent frames; or by the frame log, from any member's at any time), or
 * decoded, charged to the {@link IngestBudget} and queued for the frame log. A frame that reuses a
 * known (station, seq) with other reads is a new frame (its station restarted its seq counter). Pure of MQTT types so that it reads as the ingest rules. Thread-safe (called
 * from every ingest event loop).
 */
public final class FrameIntake {

    private static final Logger LOG = LoggerFactory.getLogger(FrameIntake.class);

    /** What to answer a PUBLISH with. */
    public sealed interface Outcome permits Refused, Accepted {}

    /**
     * The frame is dropped; it is still acknowledged so that it never blocks the station's later
     * frames (MQTT 3.1.1 has no negative acknowledgement; MQTT 5 carries {@code notAuthorized}).
     */
    public record Refused(String reason, boolean notAuthorized) implements Outcome {}

    /** Acknowledge once {@code durable} completes; fail it and the connection is dropped instead. */
    public record Accepted(CompletableFuture<Long> durable, boolean redelivery) implements Outcome {}

    private final FrameLogWriter log;
    private final RedeliveryFilter redeliveries;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final NewFrameListener alarms;
    private final IngestBudget budget;

    /** An intake without alarms and without a byte budget. */
    public FrameIntake(FrameLogWriter log, RedeliveryFilter redeliveries, IngestMetrics metrics, Clock clock) {
        this(log, redeliveries, metrics, clock, NewFrameListener.NONE, IngestBudget.unlimited());
    }

    /**
     * @param alarms sees every new (never a redelivered) frame right after decoding, before it is durable
     * @param budget charged for every new frame; released here when the frame fails to log (the
     *     applier releases the rest once applied); the MQTT connections pause by it
     */
    public FrameIntake(
            FrameLogWriter log,
            RedeliveryFilter redeliveries,
            IngestMetrics metrics,
            Clock clock,
            NewFrameListener alarms,
            IngestBudget budget) {
        this.log = log;
        this.redeliveries = redeliveries;
        this.metrics = metrics;
        this.clock = clock;
        this.alarms = alarms;
        this.budget = budget;
    }

    private volatile TopicHandler otherTopics = TopicHandler.NONE;

    /** Hands PUBLISHes to topics other than the station's reads topic to {@code handler} (one handler). */
    public void otherTopics(TopicHandler handler) {
        this.otherTopics = java.util.Objects.requireNonNull(handler, "handler");
    }

    /** The byte budget the frames are charged to. */
    public IngestBudget budget() {
        return budget;
    }

    /**
     * Handles one PUBLISH.
     *
     * @param station    the authenticated station id (the MQTT username)
     * @param stationIdx its dense index
     * @param topic      the PUBLISH topic
     * @param payload    the raw payload
     */
    public Outcome onPublish(String station, int stationIdx, String topic, byte[] payload) {
        if (!station.equals(Topics.stationOf(topic))) {
            Outcome other = otherTopics.onPublish(station, topic, payload);
            if (other instanceof Refused r) {
                metrics.rejected(r.reason());
            }
            return other != null ? other : refuse(station, "topic_not_owned", true, topic);
        }
        if (payload.length > Limits.MAX_FRAME_BYTES) {
            return refuse(
                    station, FrameDecodeException.Reason.OVERSIZED.metricName(), false, payload.length + " bytes");
        }
        Frame frame;
        try {
            frame = FrameCodec.decode(payload);
        } catch (FrameDecodeException e) {
            return refuse(station, e.reason().metricName(), false, e.getMessage());
        }
        if (!station.equals(frame.station())) {
            return refuse(station, "station_mismatch", true, frame.station());
        }
        long digest = FrameDigest.of(frame);
        CompletableFuture<Long> durable = new CompletableFuture<>();
        CompletableFuture<Long> earlier = redeliveries.register(station, frame.seq(), digest, durable);
        if (earlier != null) {
            metrics.redelivered();
            return new Accepted(earlier, true);
        }
        long weight = IngestBudget.weight(payload.length, frame.size());
        if (!budget.tryAcquire(weight)) {
            // Only past the hard limit (twice the buffer): not acknowledged, so the station resends.
            redeliveries.forget(station, frame.seq(), durable);
            metrics.rejected(BufferFullException.REASON);
            durable.completeExceptionally(new BufferFullException());
            return new Accepted(durable, false);
        }
        LoggedFrame logged = new LoggedFrame(0, 0, clock.millis(), stationIdx, payload, frame);
        alarms.onNewFrame(stationIdx, frame, logged.receivedAt());
        log.append(logged, station, frame.seq(), digest).whenComplete((result, err) -> {
            if (err == null) {
                if (result.firstCopy()) {
                    metrics.accepted(frame.size());
                } else {
                    // another member logged it before: it is not applied again, so not charged
                    budget.release(weight);
                    metrics.redelivered();
                }
                durable.complete(result.id());
            } else {
                budget.release(weight);
                redeliveries.forget(station, frame.seq(), durable);
                metrics.rejected("framelog_unavailable");
                durable.completeExceptionally(err);
            }
        });
        return new Accepted(durable, false);
    }

    /** The ingest buffer is at its hard limit: the frame is not taken (and not acknowledged). */
    public static final class BufferFullException extends IllegalStateException {
        /** The refusal's metric label and disconnect reason. */
        public static final String REASON = "ingest_buffer_full";

        BufferFullException() {
            super("ingest buffer full");
        }
    }

    private Refused refuse(String station, String reason, boolean notAuthorized, String detail) {
        metrics.rejected(reason);
        LOG.debug("dropping frame [station: {}, reason: {}, detail: {}]", station, reason, detail);
        return new Refused(reason, notAuthorized);
    }
}
